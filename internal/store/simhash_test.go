package store

import (
	"strings"
	"testing"
)

func TestNearest(t *testing.T) {
	base := strings.Repeat("the council approved the new budget for schools and roads on monday ", 6)
	sig := MinHash(base)
	copySig := MinHash(base + " an added line at the end")
	other := MinHash("an entirely different story about football results in the league")
	n := NewNearest(sig)
	if n.Offer(other.Bytes(), 3) || n.Story != 0 {
		t.Errorf("an unrelated document was taken as a copy")
	}
	if n.Offer([]byte("short"), 4) {
		t.Errorf("a bad stored signature was taken")
	}
	if !n.Offer(copySig.Bytes(), 5) || n.Story != 5 {
		t.Errorf("a near copy (similarity %.2f) was not taken", sig.Similarity(copySig))
	}
	if n.Offer(copySig.Bytes(), 6) || n.Story != 5 {
		t.Errorf("an equally similar later candidate replaced the first")
	}
	if !n.Offer(sig.Bytes(), 7) || !n.Done() || n.Story != 7 {
		t.Errorf("an exact copy: story %d, done %v", n.Story, n.Done())
	}
}
