package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ParkedMsg is a message the workers gave up on, as kept in the parked
// stream.
type ParkedMsg struct {
	// Seq is the message's sequence number in the parked stream, which
	// Requeue and Delete take.
	Seq uint64
	// Error is why it was parked.
	Error string
	// Deliveries is how many times it had been delivered.
	Deliveries int
	// ID is the article's document id, "" when it could not be decoded.
	ID string
	// Input names where the article was read from.
	Input string
	// QueueSeq is its sequence number in the work queue.
	QueueSeq uint64
	// Time is when it was parked.
	Time time.Time
	// Data is the original message body.
	Data []byte
}

// Parked calls fn for every parked message, oldest first, until fn returns
// an error (which is returned).
func (q *Queue) Parked(ctx context.Context, fn func(ParkedMsg) error) error {
	s, err := q.js.Stream(ctx, q.cfg.ParkedStream)
	if err != nil {
		return fmt.Errorf("stream %s: %w", q.cfg.ParkedStream, err)
	}
	for seq := uint64(1); ; seq++ {
		raw, err := s.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(q.cfg.ParkedSubject))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read parked message after %d: %w", seq-1, err)
		}
		seq = raw.Sequence
		if err := fn(parkedMsg(raw)); err != nil {
			return err
		}
	}
}

// parkedMsg reads the headers of a parked message.
func parkedMsg(raw *jetstream.RawStreamMsg) ParkedMsg {
	h := raw.Header
	p := ParkedMsg{Seq: raw.Sequence, Error: h.Get(HeaderError), ID: h.Get(HeaderID),
		Input: h.Get(HeaderInput), Time: raw.Time, Data: raw.Data}
	p.Deliveries, _ = strconv.Atoi(h.Get(HeaderDeliveries))
	p.QueueSeq, _ = strconv.ParseUint(h.Get(HeaderStreamSeq), 10, 64)
	if t, err := time.Parse(time.RFC3339, h.Get(HeaderParkedAt)); err == nil {
		p.Time = t
	}
	return p
}

// Requeue puts a parked message back on the work queue (as a new message,
// delivered afresh) and removes it from the parked stream.
func (q *Queue) Requeue(ctx context.Context, seq uint64) error {
	s, err := q.js.Stream(ctx, q.cfg.ParkedStream)
	if err != nil {
		return fmt.Errorf("stream %s: %w", q.cfg.ParkedStream, err)
	}
	raw, err := s.GetMsg(ctx, seq)
	if err != nil {
		return fmt.Errorf("parked message %d: %w", seq, err)
	}
	p := parkedMsg(raw)
	// A fresh message id: the original may still be inside the
	// duplicate window, and would be dropped as a copy of itself.
	id := fmt.Sprintf("requeued/%s/%d", q.cfg.ParkedStream, seq)
	if p.ID != "" {
		id = p.ID + "/" + id
	}
	h := nats.Header{}
	h.Set(nats.MsgIdHdr, id)
	if _, err := q.js.PublishMsg(ctx, &nats.Msg{Subject: q.cfg.Subject, Header: h, Data: p.Data},
		jetstream.WithExpectStream(q.cfg.Stream)); err != nil {
		return fmt.Errorf("requeue parked message %d: %w", seq, err)
	}
	if err := s.DeleteMsg(ctx, seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		return fmt.Errorf("requeued parked message %d but cannot remove it: %w", seq, err)
	}
	return nil
}

// Delete removes a parked message for good.
func (q *Queue) Delete(ctx context.Context, seq uint64) error {
	s, err := q.js.Stream(ctx, q.cfg.ParkedStream)
	if err != nil {
		return fmt.Errorf("stream %s: %w", q.cfg.ParkedStream, err)
	}
	if err := s.DeleteMsg(ctx, seq); err != nil {
		return fmt.Errorf("delete parked message %d: %w", seq, err)
	}
	return nil
}
