package queue_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/queue"
)

func TestDecodeMessage(t *testing.T) {
	tests := []struct {
		name, in string
		want     queue.Message
		wantErr  bool
	}{
		{"full", `{"input":"a.txt","source":"https://x","lang":"en","published":"2025-01-02","title":"T","caption":"C","body":"B","author":"A"}`,
			queue.Message{Input: "a.txt", Source: "https://x", Lang: "en", Published: "2025-01-02", Title: "T", Caption: "C", Body: "B", Author: "A"}, false},
		{"body only", `{"body":"B"}`, queue.Message{Body: "B"}, false},
		{"unknown fields are ignored (a newer publisher)", `{"body":"B","priority":3}`, queue.Message{Body: "B"}, false},
		{"truncated", `{"body":"B`, queue.Message{}, true},
		{"not an object", `["body"]`, queue.Message{}, true},
		{"wrong type", `{"body":3}`, queue.Message{}, true},
		{"empty", ``, queue.Message{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := queue.DecodeMessage([]byte(tc.in))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !errors.Is(err, queue.ErrBadMessage) {
					t.Errorf("error %v does not wrap ErrBadMessage", err)
				}
				return
			}
			if m != tc.want {
				t.Errorf("got %+v, want %+v", m, tc.want)
			}
		})
	}
}

// FuzzDecodeMessage checks that any message body either fails to decode
// with ErrBadMessage or survives a round trip through its article.
func FuzzDecodeMessage(f *testing.F) {
	f.Add([]byte(`{"input":"a.txt","title":"T","body":"B"}`))
	f.Add([]byte(`{"body":"caf\u00e9","lang":"fr"}`))
	f.Add([]byte(`{"body":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		m, err := queue.DecodeMessage(data)
		if err != nil {
			if !errors.Is(err, queue.ErrBadMessage) {
				t.Fatalf("error %v does not wrap ErrBadMessage", err)
			}
			return
		}
		again := queue.NewMessage(m.Input, m.Article())
		b, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := queue.DecodeMessage(b)
		if err != nil || !reflect.DeepEqual(m2, again) {
			t.Fatalf("round trip: %+v, %v; want %+v", m2, err, again)
		}
	})
}

// The body of a queued article.
func ExampleNewMessage() {
	m := queue.NewMessage("feeds/world.xml#3", doc.Article{
		Source: "https://news.example/a", Lang: "en", Published: "2025-03-01",
		Title: "Council approves plan", Body: "The council approved the plan on Monday.",
	})
	b, _ := json.Marshal(m)
	fmt.Println(string(b))
	// Output:
	// {"input":"feeds/world.xml#3","source":"https://news.example/a","lang":"en","published":"2025-03-01","title":"Council approves plan","body":"The council approved the plan on Monday."}
}
