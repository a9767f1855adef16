package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/queue"
)

// parkedFlags holds the flags of parked.
var parkedFlags struct {
	queue        string
	requeue, del string
	json         bool
}

func init() {
	register(&command{
		name:  "parked",
		args:  "[--queue nats://HOST:PORT] [--requeue SEQ,…|all] [--delete SEQ,…|all] [--json]",
		short: "list, requeue or delete the messages workers gave up on",
		long: `Lists the messages that workers parked (see "newsgraph worker --help"): one
line per message on stdout with its number, when it was parked, the number of
deliveries, the document id, the input it was read from and the error. With
--json, one JSON object per line, with the original message body.

--requeue puts parked messages back on the work queue (after fixing what made
them fail) and removes them from the parked list; --delete removes them for
good. Both take message numbers separated by commas, or "all".

--queue defaults to $NEWSGRAPH_QUEUE, then nats://127.0.0.1:4222.

Exit status: 0 on success, 1 when the queue cannot be reached or a message
cannot be requeued or deleted, 2 on a usage error.`,
		setup: func(fs *flag.FlagSet) {
			f := &parkedFlags
			fs.StringVar(&f.queue, "queue", "", "NATS server `URL`s, comma-separated (default $"+envQueue+", then "+defaultQueue+")")
			fs.StringVar(&f.requeue, "requeue", "", "requeue these parked `messages` (numbers, comma-separated, or all)")
			fs.StringVar(&f.del, "delete", "", "delete these parked `messages` (numbers, comma-separated, or all)")
			fs.BoolVar(&f.json, "json", false, "list as JSON lines with the message bodies")
		},
		run: runParked,
	})
}

// parseSeqs parses "all" (nil, true) or a comma-separated list of numbers.
func parseSeqs(s string) (seqs []uint64, all bool, err error) {
	if s == "all" {
		return nil, true, nil
	}
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil || n == 0 {
			return nil, false, fmt.Errorf("%q is not a message number", f)
		}
		seqs = append(seqs, n)
	}
	return seqs, false, nil
}

// parkedJSON is the --json form of a parked message.
type parkedJSON struct {
	Seq        uint64          `json:"seq"`
	ParkedAt   string          `json:"parked_at"`
	Deliveries int             `json:"deliveries"`
	ID         string          `json:"id,omitempty"`
	Input      string          `json:"input,omitempty"`
	QueueSeq   uint64          `json:"queue_seq,omitempty"`
	Error      string          `json:"error"`
	Message    json.RawMessage `json:"message,omitempty"`
	Body       string          `json:"body,omitempty"` // when the message is not JSON
}

func runParked(env *cmdEnv, args []string) int {
	f := parkedFlags
	if len(args) > 0 {
		return usageError(env, "parked", "unexpected argument %q", args[0])
	}
	if f.requeue != "" && f.del != "" {
		return usageError(env, "parked", "--requeue and --delete together")
	}
	action, list := "", f.requeue
	switch {
	case f.requeue != "":
		action = "requeue"
	case f.del != "":
		action, list = "delete", f.del
	}
	var seqs []uint64
	all := false
	if action != "" {
		var err error
		if seqs, all, err = parseSeqs(list); err != nil {
			return usageError(env, "parked", "--%s: %v", action, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	q, err := queue.Connect(ctx, queueTarget(f.queue), "parked", queue.Config{}, nil)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph parked: %v\n", err)
		return exitFailed
	}
	defer q.Close()
	if action == "" {
		return listParked(ctx, env, q, f.json)
	}
	if all {
		err := q.Parked(ctx, func(p queue.ParkedMsg) error { seqs = append(seqs, p.Seq); return nil })
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph parked: %v\n", err)
			return exitFailed
		}
	}
	code, done := exitOK, 0
	for _, seq := range seqs {
		var err error
		if action == "requeue" {
			err = q.Requeue(ctx, seq)
		} else {
			err = q.Delete(ctx, seq)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph parked: %v\n", err)
			code = exitFailed
			continue
		}
		done++
	}
	verb := map[string]string{"requeue": "requeued", "delete": "deleted"}[action]
	fmt.Fprintf(env.stderr, "newsgraph parked: %d of %d messages %s\n", done, len(seqs), verb)
	return code
}

// listParked prints every parked message.
func listParked(ctx context.Context, env *cmdEnv, q *queue.Queue, asJSON bool) int {
	n := 0
	enc := json.NewEncoder(env.stdout)
	err := q.Parked(ctx, func(p queue.ParkedMsg) error {
		n++
		at := p.Time.UTC().Format(time.RFC3339)
		if asJSON {
			j := parkedJSON{Seq: p.Seq, ParkedAt: at, Deliveries: p.Deliveries, ID: p.ID, Input: p.Input,
				QueueSeq: p.QueueSeq, Error: p.Error}
			if json.Valid(p.Data) {
				j.Message = p.Data
			} else {
				j.Body = strings.ToValidUTF8(string(p.Data), "\uFFFD")
			}
			return enc.Encode(j)
		}
		_, err := fmt.Fprintf(env.stdout, "%d\t%s\t%d\t%s\t%s\t%s\n", p.Seq, at, p.Deliveries, orDash(p.ID), orDash(p.Input), p.Error)
		return err
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(env.stderr, "newsgraph parked: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stderr, "newsgraph parked: %d parked messages\n", n)
	return exitOK
}
