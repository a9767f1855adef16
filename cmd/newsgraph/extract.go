package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	_ "github.com/newsgraph/newsgraph/internal/install" // every pipeline component
	"github.com/newsgraph/newsgraph/internal/source"
)

// extractFlags holds the flags of extract; setup binds them afresh on every parse.
var extractFlags struct {
	published, lang string
	pretty          bool
	workers         int
}

func init() {
	register(&command{
		name:  "extract",
		args:  "[--published DATE] [--lang L] [--pretty] INPUT...",
		short: "analyse articles and print one newsgraph.document/1 JSON object per article",
		long: `Reads news articles and prints the analysed document (newsgraph.document/1,
one JSON object per line; indented with --pretty). INPUT is a file in any
supported form (tagged article text, plain text, HTML, RSS/Atom, WARC or
WARC.gz, JSON Lines), a directory (walked recursively) or - for standard
input. Each input that fails gets one line on stderr naming it and the
reason; the others are still printed.

Exit status: 0 when every input succeeded, 1 when some failed, 2 on a usage error.`,
		setup: func(fs *flag.FlagSet) {
			f := &extractFlags
			fs.StringVar(&f.published, "published", "", "publication date for every article (YYYY-MM-DD or RFC 3339); overrides dates found in the input")
			fs.StringVar(&f.lang, "lang", "", "language of every article (ISO 639-1, e.g. en); overrides detection")
			fs.BoolVar(&f.pretty, "pretty", false, "indent the JSON output")
			fs.IntVar(&f.workers, "workers", 0, "articles analysed at once (default: the number of cores)")
		},
		run: runExtract,
	})
}

func runExtract(env *cmdEnv, args []string) int {
	f := extractFlags
	if len(args) == 0 {
		return usageError(env, "extract", "no INPUT given (use - for standard input)")
	}
	opts, err := sourceOptions(f.published, f.lang)
	if err != nil {
		return usageError(env, "extract", "%v", err)
	}
	an, err := analyze.New()
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph extract: %v\n", err)
		return exitFailed
	}
	an.Workers = f.workers
	out := bufio.NewWriterSize(env.stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if f.pretty {
		enc.SetIndent("", "  ")
	}
	failed := 0
	err = an.Run(args, env.stdin, opts, func(r analyze.Result) error {
		if r.Err != nil {
			failed++
			out.Flush()
			fmt.Fprintf(env.stderr, "newsgraph extract: %v\n", r.Err)
			return nil
		}
		return enc.Encode(r.Doc.ToJSON())
	})
	if err != nil {
		out.Flush()
		fmt.Fprintf(env.stderr, "newsgraph extract: %v\n", err)
		return exitFailed
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// sourceOptions validates the --published and --lang flags.
func sourceOptions(published, lang string) (source.Options, error) {
	var o source.Options
	if published != "" {
		p, err := normalizeDate(published)
		if err != nil {
			return o, fmt.Errorf("--published %q: %w", published, err)
		}
		o.Published = p
	}
	if lang != "" {
		l := strings.ToLower(lang)
		if len(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z' {
			return o, fmt.Errorf("--lang %q: want a two-letter ISO 639-1 code such as en, de, uk", lang)
		}
		o.Lang = l
	}
	return o, nil
}

// normalizeDate accepts YYYY-MM-DD or RFC 3339 and returns it in ISO 8601.
func normalizeDate(s string) (string, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02"), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("want YYYY-MM-DD or an RFC 3339 date-time")
}
