package main

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/eval"
)

// evalFlags holds the flags of eval.
var evalFlags struct {
	gold    string
	plover  string
	polnear string
	timeml  string
	verbose bool
	json    bool
}

func init() {
	register(&command{
		name:  "eval",
		args:  "--gold DIR [-v] [--json] | --plover FILE | --timeml DIR [-v] [--json] | --polnear DIR [-v]",
		short: "measure quality against annotated data",
		long: `Runs the analysis over annotated data and prints the measures the project
is judged by.

--plover FILE reads PLOVER gold-standard records (../shared/data/plover/
gold_standard_records/PLOVER_GSR_CAMEO.txt), maps their 0.5b1 categories onto
the current types and reports type and actor accuracy of the event coder.

--timeml DIR reads every TimeML *.tml file under DIR (TempEval-3's TimeBank
and AQUAINT: ../shared/data/tempeval3/Training/TBAQ-cleaned), runs the date
tagger over each TEXT with its DCT as the publication date, and prints per
corpus, for the gold DATE and TIME timexes: the share found (span overlap),
precision, value accuracy among those found and TempEval-3's value F1.
-v lists every miss, wrong value and spurious date.

--polnear DIR reads a PolNeAR split (DIR/text/*.txt and DIR/attributions/*.ann,
e.g. ../shared/data/polnear/data/dev) and scores the attributions whose content
holds a double quotation mark: quotes found (a system quote overlaps the gold
content) and speaker correct (the speaker entity has a mention overlapping the
gold source, or a named source shares a name word with it). -v lists misses.

--gold DIR reads every *.gold.json in DIR (the gold form of ../shared/gold-dev:
entities with aliases and roles, quotes with speakers, events, dates and
amounts; "core" items are the ones scored for recall), analyses the text file
each one names, and prints per document and in total: entity recall and
precision, roles found, quotes found and correctly attributed, event recall and
precision, and dates and amounts with the right value. -v lists what was missed.`,
		setup: func(fs *flag.FlagSet) {
			f := &evalFlags
			fs.StringVar(&f.gold, "gold", "", "directory of *.gold.json files with their texts")
			fs.StringVar(&f.timeml, "timeml", "", "directory of TimeML *.tml files; reports date found share, value accuracy and value F1")
			fs.StringVar(&f.plover, "plover", "", "PLOVER gold-standard records file (JSON array); reports event type and actor accuracy")
			fs.StringVar(&f.polnear, "polnear", "", "PolNeAR split directory (text/, attributions/); reports quotes found and speaker accuracy")
			fs.BoolVar(&f.verbose, "v", false, "list what was missed in each document")
			fs.BoolVar(&f.json, "json", false, "print the result as JSON instead of a table")
		},
		run: runEval,
	})
}

func runEval(env *cmdEnv, args []string) int {
	f := evalFlags
	if len(args) > 0 {
		return usageError(env, "eval", "unexpected argument %q", args[0])
	}
	switch {
	case f.timeml != "":
		out := env.stdout
		if f.json {
			out = nil
		}
		run := eval.TimeML
		if f.verbose {
			run = eval.TimeMLVerbose
		}
		res, err := run(f.timeml, out)
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		if f.json {
			enc := json.NewEncoder(env.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				return exitFailed
			}
		}
		return exitOK
	case f.plover != "":
		an, err := analyze.New()
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		if _, err := eval.PLOVER(an, f.plover, env.stdout); err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		return exitOK
	case f.polnear != "":
		if _, err := eval.PolNeARWith(f.polnear, env.stdout, eval.PolNeAROptions{Verbose: f.verbose}); err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		return exitOK
	case f.gold != "":
		an, err := analyze.New()
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		an.Workers = 1
		out := env.stdout
		if f.json {
			out = nil
		}
		res, err := eval.Gold(an, f.gold, out, f.verbose)
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph eval: %v\n", err)
			return exitFailed
		}
		if f.json {
			enc := json.NewEncoder(env.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				return exitFailed
			}
		}
		return exitOK
	default:
		return usageError(env, "eval", "say what to evaluate: --gold DIR, --timeml DIR, --plover FILE or --polnear DIR")
	}
}
