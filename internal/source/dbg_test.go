package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestDebugWARCCorpus(t *testing.T) {
	dir := os.Getenv("CORPUS")
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		lines := bytes.SplitN(raw, []byte("\n"), 2)
		s := string(bytes.TrimSpace(lines[1]))
		s = s[len("[]byte(") : len(s)-1]
		data, err := strconv.Unquote(s)
		if err != nil { t.Log(err); continue }
		start := time.Now()
		n := 0
		rd := &reader{opts: Options{MaxBytes: 8192}, fn: func(it Item) error { n++; return nil }}
		rd.warc("fuzz", bytes.NewReader([]byte(data)))
		t.Logf("%s: %d bytes, %d items, %v", e.Name(), len(data), n, time.Since(start))
	}
	start := time.Now()
	rd := &reader{opts: Options{MaxBytes: 8192}, fn: func(it Item) error { return nil }}
	rd.warc("fuzz", bytes.NewReader(buildWARC(crawlRecords(t), false)))
	t.Logf("seed: %v", time.Since(start))
}
