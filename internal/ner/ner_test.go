package ner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

func TestToIOB2(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC"},
		{"I-PER B-PER I-PER", "B-PER B-PER I-PER"},
		{"B-ORG I-ORG I-LOC", "B-ORG I-ORG B-LOC"},
		{"S-PER B-ORG E-ORG U-LOC", "B-PER B-ORG I-ORG B-LOC"},
		{"O O", "O O"},
	}
	for _, tt := range tests {
		got := strings.Join(ToIOB2(strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("ToIOB2(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSpans(t *testing.T) {
	got := Spans(strings.Fields("B-PER I-PER O I-LOC B-ORG B-ORG I-ORG O"))
	want := []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "ORG"}, {5, 7, "ORG"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Spans = %v, want %v", got, want)
	}
}

func TestScore(t *testing.T) {
	s := NewScore()
	s.Add(strings.Fields("B-PER I-PER O B-LOC"), strings.Fields("B-PER I-PER O B-ORG"), nil)
	s.Add(strings.Fields("B-PER O"), strings.Fields("B-PER O"), nil)
	if s.All != (Counts{Gold: 3, Pred: 3, Correct: 2}) {
		t.Errorf("counts %+v", s.All)
	}
	if f := s.All.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1 = %f", f)
	}
	u := NewScore()
	u.Add(strings.Fields("B-PER B-LOC"), strings.Fields("B-PERSON B-GPE"), UNERType)
	if u.All.Correct != 2 {
		t.Errorf("UNER mapping: %+v", u.All)
	}
}

func TestReadLines(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nsang VBD B-VP O\n\nRiga NNP B-NP B-LOC\n\n" +
		"#begin document (x); part 000\nHe\tO\n#end document\n"
	docs, lines, err := ReadLines(strings.NewReader(in), "test", FormatCoNLL)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sents) != 2 || len(docs[1].Sents) != 1 {
		t.Fatalf("docs: %+v", docs)
	}
	if got := docs[0].Sents[0].Tags; !reflect.DeepEqual(got, []string{"B-PER", "O"}) {
		t.Errorf("tags %v", got)
	}
	var kept []string
	for _, l := range lines {
		if l.Tok < 0 {
			kept = append(kept, l.Text)
		}
	}
	want := []string{"-DOCSTART- -X- -X- O", "", "", "", "#begin document (x); part 000", "#end document"}
	if !reflect.DeepEqual(kept, want) {
		t.Errorf("passed-through lines %q, want %q", kept, want)
	}
	if _, _, err := ReadLines(strings.NewReader("Anna XX-PER\n"), "bad", FormatCoNLL); err == nil {
		t.Error("bad tag accepted")
	}
}

func TestPrune(t *testing.T) {
	// two rows of T=3 mantissas and a shift: weights are mantissa << shift
	for _, tc := range []struct {
		tau    int
		want   []int8
		zeroed int
	}{
		{0, []int8{1, -3, 100, 0, 1, -2, 5, 4}, 0},
		{4, []int8{0, 0, 100, 0, 1, -2, 5, 4}, 2},
		{33, []int8{0, 0, 100, 0, 0, 0, 5, 4}, 4},
		{1000, []int8{0, 0, 0, 0, 0, 0, 0, 4}, 6},
	} {
		qw := []int8{1, -3, 100, 0, 1, -2, 5, 4}
		if n := prune(qw, 3, tc.tau); n != tc.zeroed || !reflect.DeepEqual(qw, tc.want) {
			t.Errorf("tau %d: %v (%d zeroed), want %v (%d)", tc.tau, qw, n, tc.want, tc.zeroed)
		}
	}
}

func TestGenreOf(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"#begin document (nw/wsj/00/wsj_0001); part 000", "nw"},
		{"#begin document (bc/cctv/00/cctv_0000); part 003", "bc"},
		{"#begin document (x); part 000", ""},
		{"-DOCSTART- -X- -X- O", ""},
		{"#begin document (news/x/1); part 000", ""},
		{"", ""},
	} {
		if got := GenreOf(tc.id); got != tc.want {
			t.Errorf("GenreOf(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
	docs, _, err := ReadLines(strings.NewReader("#begin document (wb/eng/00/eng_0000); part 000\nHe\tO\n#end document\n"), "test", FormatCoNLL)
	if err != nil || len(docs) != 1 || docs[0].Genre != "wb" {
		t.Errorf("ReadLines: genre of %+v (%v), want wb", docs, err)
	}
}

func FuzzReadLines(f *testing.F) {
	f.Add("-DOCSTART- -X- O\n\nAnna B-PER\nsang O\n\n")
	f.Add("#begin document (a); part 0\nx\tI-ORG\n#end document\n")
	f.Add("# newdoc id = a\n1\tAnna\tB-PER\t-\t-\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fm := range []Format{FormatCoNLL, FormatUNER, FormatTokens} {
			docs, lines, err := ReadLines(strings.NewReader(s), "fuzz", fm)
			if err != nil {
				continue
			}
			for _, l := range lines {
				if l.Tok >= 0 && docs[l.Doc].Sents[l.Sent].Words[l.Tok] == "" && strings.TrimSpace(l.Text) != "" {
					t.Fatalf("token line %q lost its token", l.Text)
				}
			}
		}
	})
}

// synthetic builds a made-up tagged corpus: the names and the sentence frames
// are invented for the test.
func synthetic(n int, seed int) []Document {
	first := []string{"Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo"}
	last := []string{"Vaher", "Ozols", "Kask", "Petrov", "Lind", "Mertens", "Novak", "Rossi"}
	orgs := [][]string{{"Baltic", "Shipping"}, {"Nordic", "Council"}, {"Green", "Party"}, {"Harbour", "Bank"}}
	places := []string{"Tallinn", "Riga", "Tartu", "Narva", "Oslo", "Turku"}
	var docs []Document
	for d := 0; d < n; d++ {
		var doc Document
		for s := 0; s < 6; s++ {
			k := d*7 + s*3 + seed
			p := []string{first[k%8], last[(k/8+s)%8]}
			o := orgs[(k/3)%4]
			pl := places[(k/5)%6]
			var w, tg []string
			add := func(words []string, typ string) {
				for i, x := range words {
					w = append(w, x)
					switch {
					case typ == "":
						tg = append(tg, "O")
					case i == 0:
						tg = append(tg, "B-"+typ)
					default:
						tg = append(tg, "I-"+typ)
					}
				}
			}
			switch s % 3 {
			case 0:
				add(p, "PER")
				add([]string{"said", "in"}, "")
				add([]string{pl}, "LOC")
				add([]string{"that", "the"}, "")
				add(o, "ORG")
				add([]string{"would", "grow", "."}, "")
			case 1:
				add([]string{"The"}, "")
				add(o, "ORG")
				add([]string{"hired"}, "")
				add(p, "PER")
				add([]string{"last", "week", "."}, "")
			default:
				add([]string{"In"}, "")
				add([]string{pl}, "LOC")
				add([]string{",", "minister"}, "")
				add(p[1:], "PER")
				add([]string{"met", "voters", "."}, "")
			}
			doc.Sents = append(doc.Sents, Sentence{Words: w, Tags: tg})
		}
		docs = append(docs, doc)
	}
	return docs
}

func TestTrainDeterministic(t *testing.T) {
	train, dev := synthetic(40, 0), synthetic(10, 5)
	for i := range train {
		train[i].Genre = []string{"nw", "bc", ""}[i%3]
	}
	for _, tc := range []struct {
		name string
		opt  TrainOptions
	}{
		{"plain perceptron", TrainOptions{}},
		{"margin, dropout and every optional template", TrainOptions{Margin: 20, Dropout: 0.1, Prune: 1.0 / 64, Features: []string{"few-contexts", "genre", "initial-only", "run-edges"}}},
		{"three seeds in parallel, averaged", TrainOptions{Seeds: []uint64{7, 8, 9}, Margin: 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := tc.opt
			opt.Name, opt.Train, opt.Dev, opt.Bits, opt.Epochs, opt.Seed = "test", train, dev, 14, 4, 7
			a, err := Train(opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Train(opt)
			if err != nil {
				t.Fatal(err)
			}
			if a.WeightsHash() != b.WeightsHash() {
				t.Fatal("two trainings with the same options gave different weights")
			}
			if a.DevF1 < 0.9 {
				t.Errorf("dev F1 %.3f on the synthetic corpus, want ≥ 0.9", a.DevF1)
			}
			var buf bytes.Buffer
			if err := a.Write(&buf); err != nil {
				t.Fatal(err)
			}
			c, err := Read(bytes.NewReader(buf.Bytes()), "test", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Features, a.Features) || len(c.Features) != len(opt.Features) {
				t.Errorf("features %v after a round trip, trained with %v", c.Features, opt.Features)
			}
			d := Document{Genre: "nw", Sents: []Sentence{{Words: strings.Fields("Greta Ozols said in Narva that the Nordic Council would grow .")}}}
			c.TagDocument(&d)
			if got := strings.Join(d.Sents[0].Tags, " "); got != "B-PER I-PER O O B-LOC O O B-ORG I-ORG O O O" {
				t.Errorf("tags %s", got)
			}
		})
	}
	opt := TrainOptions{Name: "test", Train: train, Dev: dev, Bits: 14, Epochs: 4, Seed: 7}
	for _, bad := range []TrainOptions{{Features: []string{"no-such-template"}}, {Margin: -1}, {Dropout: 1}, {Prune: 1}} {
		bad.Name, bad.Train = "bad", train
		if _, err := Train(bad); !errors.Is(err, ErrFormat) {
			t.Errorf("options %+v: error %v, want ErrFormat", bad, err)
		}
	}
	a, err := Train(opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := a.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// a model trained with a cluster table needs that table
	a.ClusterHash = "some-table"
	var buf2 bytes.Buffer
	if err := a.Write(&buf2); err != nil {
		t.Fatal(err)
	}
	a.ClusterHash = ""
	if _, err := Read(bytes.NewReader(buf2.Bytes()), "test", nil); err == nil {
		t.Fatal("model read without its cluster table")
	}
	if _, err := Read(bytes.NewReader(buf2.Bytes()), "test", &cluster.Table{Hash: "other"}); err == nil {
		t.Fatal("model read with another cluster table")
	}
	// one trained without clusters loads with or without a table
	c, err := Read(bytes.NewReader(buf.Bytes()), "test", &cluster.Table{Hash: "any"})
	if err != nil {
		t.Fatal(err)
	}
	if c.WeightsHash() != a.WeightsHash() {
		t.Error("weights changed in a write/read round trip")
	}
	d := Document{Sents: []Sentence{{Words: strings.Fields("Greta Ozols said in Narva that the Nordic Council would grow .")}}}
	c.TagDocument(&d)
	if got := strings.Join(d.Sents[0].Tags, " "); got != "B-PER I-PER O O B-LOC O O B-ORG I-ORG O O O" {
		t.Errorf("tags %s", got)
	}
}

func FuzzRead(f *testing.F) {
	m, err := Train(TrainOptions{Name: "fuzz", Train: synthetic(4, 0), Bits: 8, Epochs: 1})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	m.Write(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(modelMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bytes.NewReader(b), "fuzz", &cluster.Table{})
		if err == nil {
			d := Document{Sents: []Sentence{{Words: []string{"Anna", "Vaher", "."}}}}
			m.TagDocument(&d)
		}
	})
}

// sharedData returns ../shared/data relative to the repository root, or skips.
func sharedData(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data not found at %s (../shared relative to the repository root); skipping", data)
	}
	return data
}

// TestReadPacksLikeTraining checks that a model read from its file has the
// same tagging form as one packed from the dense weights at training time.
func TestReadPacksLikeTraining(t *testing.T) {
	for _, name := range []string{"conll", "ontonotes"} {
		m, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		fresh := &Model{Types: m.Types, Bits: m.Bits, BILOU: m.BILOU}
		fresh.w = append([]int8(nil), (&Model{Types: m.Types, Bits: m.Bits, BILOU: m.BILOU, idx: m.idx, data: m.data, tags: m.tags}).dense()...)
		fresh.init()
		if !slices.Equal(fresh.idx, m.idx) || !slices.Equal(fresh.data, m.data) {
			t.Errorf("%s: packed form read from the file differs from the one packed from dense weights", name)
		}
	}
}
