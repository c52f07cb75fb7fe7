package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a front-matter date: YYYY-MM-DD, read in the site's time zone, or
// an RFC 3339 timestamp. The zero Date means "not given".
type Date struct {
	t        time.Time
	dateOnly bool
}

// ParseDate parses s as YYYY-MM-DD or RFC 3339.
func ParseDate(s string) (Date, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{t: t, dateOnly: true}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date{t: t}, nil
	}
	return Date{}, fmt.Errorf("expected a date as YYYY-MM-DD or RFC 3339 (2024-12-31 or 2024-12-31T18:00:00+01:00), got %q", s)
}

// UnmarshalText implements encoding.TextUnmarshaler for front matter.
func (d *Date) UnmarshalText(b []byte) error {
	parsed, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.t.IsZero() }

// In returns the instant d names, reading a date without a time as
// midnight in loc.
func (d Date) In(loc *time.Location) time.Time {
	if d.dateOnly {
		y, m, day := d.t.Date()
		return time.Date(y, m, day, 0, 0, 0, 0, loc)
	}
	return d.t.In(loc)
}

// String returns the date as it would be written in front matter.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.dateOnly:
		return d.t.Format(time.DateOnly)
	default:
		return d.t.Format(time.RFC3339)
	}
}

// Duration is a video's running time, written as 3:20, 1:02:03 or the ISO
// 8601 form PT3M20S.
type Duration struct {
	time.Duration
}

// UnmarshalText implements encoding.TextUnmarshaler for front matter.
func (d *Duration) UnmarshalText(b []byte) error {
	s := string(b)
	var err error
	if strings.HasPrefix(s, "PT") {
		d.Duration, err = parseISODuration(s[2:])
	} else {
		d.Duration, err = parseClockDuration(s)
	}
	if err != nil || d.Duration <= 0 {
		return fmt.Errorf("expected a duration as 3:20, 1:02:03 or PT3M20S, got %q", s)
	}
	return nil
}

// ISO8601 returns the duration as schema.org wants it, e.g. PT3M20S.
func (d Duration) ISO8601() string {
	total := int(d.Duration / time.Second)
	h, m, s := total/3600, total/60%60, total%60
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s > 0 || total == 0 {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

// Clock returns the duration as a viewer reads it: 3:20 or 1:02:03.
func (d Duration) Clock() string {
	total := int(d.Duration / time.Second)
	h, m, s := total/3600, total/60%60, total%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// parseClockDuration reads m:ss or h:mm:ss.
func parseClockDuration(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("bad clock duration")
	}
	var total int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p == "" || (i > 0 && (len(p) != 2 || n > 59)) {
			return 0, fmt.Errorf("bad clock duration")
		}
		total = total*60 + n
	}
	return time.Duration(total) * time.Second, nil
}

// parseISODuration reads the part after "PT": nH, nM and nS in that order,
// each optional.
func parseISODuration(s string) (time.Duration, error) {
	var total time.Duration
	units := []struct {
		suffix byte
		unit   time.Duration
	}{{'H', time.Hour}, {'M', time.Minute}, {'S', time.Second}}
	for _, u := range units {
		i := strings.IndexByte(s, u.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad ISO duration")
		}
		total += time.Duration(n) * u.unit
		s = s[i+1:]
	}
	if s != "" {
		return 0, fmt.Errorf("bad ISO duration")
	}
	return total, nil
}
