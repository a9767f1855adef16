package pipeline

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

type fake struct {
	name           string
	needs, provide []Layer
	log            *[]string
	fail, crash    bool
}

func (f *fake) Name() string      { return f.name }
func (f *fake) Needs() []Layer    { return f.needs }
func (f *fake) Provides() []Layer { return f.provide }
func (f *fake) Process(*doc.Doc) error {
	*f.log = append(*f.log, f.name)
	if f.fail {
		return errors.New("boom")
	}
	if f.crash {
		var m map[string]int
		m["x"] = 1
	}
	return nil
}

type fakeConfig struct {
	Fail bool `json:"fail"`
}

func registerFakes(log *[]string) {
	mk := func(name string, needs, provides []Layer) Factory {
		return Factory{
			NewConfig: func() any { return &fakeConfig{} },
			New: func(c any) (Component, error) {
				return &fake{name: name, needs: needs, provide: provides, log: log, fail: c.(*fakeConfig).Fail}, nil
			},
		}
	}
	regMu.Lock()
	registry = map[string]Factory{}
	regMu.Unlock()
	Register("t-seg", mk("t-seg", []Layer{Text}, []Layer{Tokens, Sentences}))
	Register("t-ner", mk("t-ner", []Layer{Tokens}, []Layer{Mentions}))
	Register("t-ent", mk("t-ent", []Layer{Mentions, Sentences}, []Layer{Entities}))
	Register("t-quote", mk("t-quote", []Layer{Entities}, []Layer{Quotes}))
	Register("t-orphan", mk("t-orphan", []Layer{Events}, nil))
}

func TestBuildOrdersByNeeds(t *testing.T) {
	var log []string
	registerFakes(&log)
	p, err := Build([]string{"t-quote", "t-ent", "t-ner", "t-seg"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Names(), ","); got != "t-seg,t-ner,t-ent,t-quote" {
		t.Errorf("order = %s", got)
	}
	d, _ := doc.New(doc.Article{Body: "x"})
	if err := p.Run(d); err != nil {
		t.Fatal(err)
	}
	if strings.Join(log, ",") != "t-seg,t-ner,t-ent,t-quote" {
		t.Errorf("ran %v", log)
	}
}

func TestBuildErrors(t *testing.T) {
	var log []string
	registerFakes(&log)
	tests := []struct {
		names []string
		cfg   Config
		want  error
		msg   string
	}{
		{names: []string{"t-orphan"}, want: ErrUnsatisfied, msg: "events"},
		{names: []string{"nope"}, want: ErrUnknown, msg: "nope"},
		{names: []string{"t-ent", "t-seg"}, want: ErrUnsatisfied, msg: "mentions"},
		{names: []string{"t-seg"}, cfg: Config{"t-seg": json.RawMessage(`{"bogus":1}`)}, msg: "bogus"},
		{names: []string{"t-seg"}, cfg: Config{"t-ner": json.RawMessage(`{}`)}, want: ErrUnknown, msg: "t-ner"},
	}
	for _, tt := range tests {
		_, err := Build(tt.names, tt.cfg)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Build(%v) err = %v, want %v mentioning %q", tt.names, err, tt.want, tt.msg)
		}
	}
}

func TestRegisterDuplicatePanics(t *testing.T) {
	var log []string
	registerFakes(&log)
	defer func() {
		if r := recover(); r == nil {
			t.Error("duplicate registration did not panic")
		}
	}()
	Register("t-seg", Factory{New: func(any) (Component, error) { return nil, nil }})
}

func TestRunErrors(t *testing.T) {
	var log []string
	registerFakes(&log)
	p, err := Build([]string{"t-seg", "t-ner"}, Config{"t-ner": json.RawMessage(`{"fail":true}`)})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := doc.New(doc.Article{Body: "x"})
	if err := p.Run(d); err == nil || !strings.HasPrefix(err.Error(), "t-ner: ") {
		t.Errorf("err = %v, want it named after the component", err)
	}
	p2 := &Pipeline{comps: []Component{&fake{name: "crashy", log: &log, crash: true}}}
	if err := p2.Run(d); err == nil || !strings.Contains(err.Error(), "crashy: internal error") {
		t.Errorf("panic not turned into an error: %v", err)
	}
}
