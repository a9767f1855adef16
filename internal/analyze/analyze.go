// Package analyze joins the stages of newsgraph: it reads inputs with package
// source, fixes each article's text as a doc.Doc and passes it through the
// pipeline, on several goroutines, handing results back in input order.
// extract, ingest, eval and bench all run through it, so they see the same
// documents.
package analyze

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
)

// Analyzer runs a pipeline over articles.
type Analyzer struct {
	// Pipeline is the component chain every document goes through.
	Pipeline *pipeline.Pipeline
	// Workers is the number of documents analysed at once; 0 means the core count.
	Workers int
	// Skip, when set, is asked about each document once its text is fixed
	// (its ID known) and before the pipeline runs; true skips the analysis
	// and the Result has Skipped set (ingest uses it for documents already
	// stored). It is called from several goroutines.
	Skip func(*doc.Doc) bool
	// CPU, when set, is a semaphore of processor slots that the caller
	// shares with other work: the analysis of each document holds one
	// token of it while it runs. Ingest shares it with its store writer,
	// which cannot be split across cores, so that the writer gets a core
	// of its own whenever it has work instead of a third of two.
	CPU chan struct{}
	// JSON, when true, has each Result carry the document in its JSON
	// form (Result.JSON), converted on the worker goroutines.
	JSON bool
}

// Result is the outcome for one article or one failed input.
type Result struct {
	// Input names the input or record (see source.Item.Input).
	Input string
	// Doc is the analysed document, nil when Err is set.
	Doc *doc.Doc
	// Err names the input and the reason it failed.
	Err error
	// Skipped is true when Skip chose not to analyse Doc (Doc has its text
	// and ID but no layers).
	Skipped bool
	// JSON is Doc in its JSON form when Analyzer.JSON is set and the
	// document was analysed.
	JSON *doc.JSON
}

// New builds an analyzer on the default pipeline.
func New() (*Analyzer, error) {
	p, err := pipeline.Default()
	if err != nil {
		return nil, err
	}
	return &Analyzer{Pipeline: p}, nil
}

// Analyze makes and analyses one document from an article.
func (a *Analyzer) Analyze(art doc.Article) (*doc.Doc, error) {
	d, err := doc.New(art)
	if err != nil {
		return nil, err
	}
	if err := a.Pipeline.Run(d); err != nil {
		return nil, err
	}
	return d, nil
}

// Run reads every input, analyses each article and calls fn with the results
// in input order. Per-input errors are passed to fn as results with Err set
// and do not stop the run; an error returned by fn stops it and is returned.
func (a *Analyzer) Run(inputs []string, stdin io.Reader, opts source.Options, fn func(Result) error) error {
	workers := a.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq  int
		item source.Item
	}
	type done struct {
		seq int
		res Result
	}
	jobs := make(chan job, workers*2)
	results := make(chan done, workers*2)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := Result{Input: j.item.Input, Err: j.item.Err}
				if r.Err == nil {
					d, err := doc.New(j.item.Article)
					switch {
					case err != nil:
						r.Err = fmt.Errorf("%s: %w", j.item.Input, err)
					case a.Skip != nil && a.Skip(d):
						r.Doc, r.Skipped = d, true
					default:
						if a.CPU != nil {
							a.CPU <- struct{}{}
						}
						if err := a.Pipeline.Run(d); err != nil {
							r.Err = fmt.Errorf("%s: %w", j.item.Input, err)
						} else {
							r.Doc = d
							if a.JSON {
								r.JSON = d.ToJSON()
							}
						}
						if a.CPU != nil {
							<-a.CPU
						}
					}
				}
				select {
				case results <- done{j.seq, r}:
				case <-stop:
				}
			}
		}()
	}
	var walkErr error
	go func() {
		seq := 0
		walkErr = source.Walk(inputs, stdin, opts, func(it source.Item) error {
			select {
			case jobs <- job{seq, it}:
				seq++
				return nil
			case <-stop:
				return errStopped
			}
		})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	next := 0
	var fnErr error
	for d := range results {
		if fnErr != nil {
			continue
		}
		pending[d.seq] = d.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := fn(r); err != nil {
				fnErr = err
				close(stop)
				break
			}
		}
	}
	if fnErr != nil {
		return fnErr
	}
	if walkErr != nil && walkErr != errStopped {
		return walkErr
	}
	return nil
}

var errStopped = fmt.Errorf("analyze: stopped")
