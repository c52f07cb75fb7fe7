package content

import (
	"fmt"
	"maps"
	"reflect"

	"github.com/alumni-site/alumni/internal/diag"
)

// Inherit completes the translation t with the structured fields of its
// original o: for a story person, program, faculty, host, mobility_year,
// graduation_year, video, featured and consent; for a video page video and
// speakers; for an accessibility statement its dates, status, method,
// auditor and contact. A field the translation leaves out is copied. A field it
// repeats must have the same value, or Inherit reports both places.
// Text meant to be translated (person.photo_alt, profession, employer; a
// statement's nonAccessible, procedure, architecture and apps) is copied
// when left out and may differ when given.
func (t *Page) Inherit(o *Page) []diag.Diagnostic {
	// Validate forgets what it found: the fields are about to change.
	t.validation = &validation{}
	var ds []diag.Diagnostic
	same := func(key string, dst, src any) {
		dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src)
		if !t.Has(key) {
			dv.Set(sv)
			return
		}
		if !reflect.DeepEqual(dv.Interface(), sv.Interface()) {
			ds = append(ds, t.errorf(key, "%s differs from the original %s:%d:%d; a translation inherits it, so leave it out",
				key, o.DisplayPath, o.pos(key).Line, o.pos(key).Col))
		}
	}
	translatable := func(key string, dst *string, src string) {
		if !t.Has(key) {
			*dst = src
		}
	}
	switch {
	case t.Story != nil && o.Story != nil:
		ts, os := t.Story, o.Story
		same("person.name", &ts.Person.Name, os.Person.Name)
		same("person.role", &ts.Person.Role, os.Person.Role)
		same("person.photo", &ts.Person.Photo, os.Person.Photo)
		translatable("person.photo_alt", &ts.Person.PhotoAlt, os.Person.PhotoAlt)
		same("program", &ts.Program, os.Program)
		same("faculty", &ts.Faculty, os.Faculty)
		same("host.institution", &ts.Host.Institution, os.Host.Institution)
		same("host.city", &ts.Host.City, os.Host.City)
		same("host.country", &ts.Host.Country, os.Host.Country)
		same("mobility_year", &ts.MobilityYear, os.MobilityYear)
		same("graduation_year", &ts.GraduationYear, os.GraduationYear)
		same("video", &ts.Video, os.Video)
		same("featured", &ts.Featured, os.Featured)
		same("consent", &ts.Consent, os.Consent)
		translatable("profession", &ts.Profession, os.Profession)
		translatable("employer", &ts.Employer, os.Employer)
		t.inheritPositions(o, "person.name", "person.role", "person.photo", "program", "faculty", "host.institution",
			"host.city", "host.country", "mobility_year", "graduation_year", "video", "featured", "consent", "consent.given")
	case t.Statement != nil && o.Statement != nil:
		ts, os := t.Statement, o.Statement
		same("published", &ts.Published, os.Published)
		same("updated", &ts.Updated, os.Updated)
		same("prepared", &ts.Prepared, os.Prepared)
		same("status", &ts.Status, os.Status)
		same("method", &ts.Method, os.Method)
		same("auditor", &ts.Auditor, os.Auditor)
		same("contact", &ts.Contact, os.Contact)
		translatable("procedure", &ts.Procedure, os.Procedure)
		translatable("architecture", &ts.Architecture, os.Architecture)
		translatable("apps", &ts.Apps, os.Apps)
		if !t.Has("nonAccessible") {
			ts.NonAccessible = os.NonAccessible
		}
		t.inheritPositions(o, "published", "updated", "prepared", "status", "method", "auditor", "contact",
			"contact.person", "contact.email", "contact.phone")
	case t.Video != nil && o.Video != nil:
		same("video", &t.Video.Video, o.Video.Video)
		same("speakers", &t.Video.Speakers, o.Video.Speakers)
		t.inheritPositions(o, "video", "speakers")
	}
	// A translation shares its original's bundle files.
	if t.Files == nil {
		t.Files = o.Files
	}
	return ds
}

// inheritedPos marks a key that a translation inherits. Validate sees the
// key as set, and drops the diagnostics about it: they are reported once, in
// the original's file, where the editor can fix them.
var inheritedPos = diag.Pos{Line: -1}

// inheritPositions marks the inherited keys as set, in a copy of the
// positions: the preview's cache shares them between the copies it hands
// out.
func (t *Page) inheritPositions(o *Page, keys ...string) {
	t.Positions = maps.Clone(t.Positions)
	for _, k := range keys {
		if _, ok := t.Positions[k]; !ok && o.Has(k) {
			t.Positions[k] = inheritedPos
		}
	}
}

// String names a page in messages that involve two files.
func (p *Page) String() string { return fmt.Sprintf("%s (%s)", p.DisplayPath, p.Lang) }
