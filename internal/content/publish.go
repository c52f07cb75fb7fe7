package content

import "time"

// Clock holds what publication is decided by: the build's moment, the
// site's time zone, and the --drafts and --future switches.
type Clock struct {
	Now      time.Time
	Location *time.Location
	Drafts   bool
	Future   bool
}

// Unpublished returns why the page must not be published at c, or "" when
// it is published. An unpublished page leaves no trace in any output file.
// For a translation it must run after Inherit: a story's consent is its
// original's.
func (p *Page) Unpublished(c Clock) string {
	at := func(d Date) time.Time { return d.In(c.Location) }
	switch {
	case p.Draft && !c.Drafts:
		return "draft"
	case !p.PublishDate.IsZero() && at(p.PublishDate).After(c.Now) && !c.Future:
		return "publishDate " + p.PublishDate.String() + " is in the future"
	case !p.ExpiryDate.IsZero() && !at(p.ExpiryDate).After(c.Now):
		return "expired on " + p.ExpiryDate.String()
	case p.Story == nil:
		return ""
	case !p.Story.Consent.Withdrawn.IsZero() && !at(p.Story.Consent.Withdrawn).After(c.Now):
		return "consent withdrawn on " + p.Story.Consent.Withdrawn.String()
	case !p.Story.Consent.Expires.IsZero() && !at(p.Story.Consent.Expires).After(c.Now):
		return "consent expired on " + p.Story.Consent.Expires.String()
	}
	return ""
}
