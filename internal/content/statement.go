package content

import (
	"net/mail"
	"slices"
	"strings"

	"github.com/alumni-site/alumni/internal/diag"
)

// Statement is the front matter of an accessibility statement, a page
// with type: accessibility. Its fields follow the Polish model statement
// (the technical conditions of 31 July 2024): monitoring tools find each
// part by an element id that the layout emits.
type Statement struct {
	// Published and Updated are when the site was published and last
	// substantially updated; Prepared is when the statement was prepared
	// (and reviewed, at least yearly).
	Published Date `yaml:"published"`
	Updated   Date `yaml:"updated"`
	Prepared  Date `yaml:"prepared"`
	// Status is full, partial or none: how far the site complies with the
	// act of 4 April 2019.
	Status string `yaml:"status"`
	// NonAccessible lists the content that is not accessible, and why.
	NonAccessible []string `yaml:"nonAccessible"`
	// Method is self-assessment or audit; Auditor names who audited.
	Method  string `yaml:"method"`
	Auditor string `yaml:"auditor"`
	// Contact is who answers questions about accessibility.
	Contact StatementContact `yaml:"contact"`
	// Procedure, Architecture and Apps are the texts of those sections
	// (Markdown is not interpreted in them).
	Procedure    string `yaml:"procedure"`
	Architecture string `yaml:"architecture"`
	Apps         string `yaml:"apps"`
}

// StatementContact is the contact of an accessibility statement.
type StatementContact struct {
	Person string `yaml:"person"`
	Email  string `yaml:"email"`
	Phone  string `yaml:"phone"`
}

// The allowed values of a statement's enumerated fields.
var (
	StatementStatus  = []string{"full", "partial", "none"}
	StatementMethods = []string{"self-assessment", "audit"}
)

type statementFront struct {
	Front     `yaml:",inline"`
	Statement `yaml:",inline"`
}

// validateStatement checks the fields the model statement requires.
func (p *Page) validateStatement() []diag.Diagnostic {
	s := p.Statement
	var ds []diag.Diagnostic
	required := func(key string, missing bool) {
		if missing {
			ds = append(ds, p.errorf(key, "%s is required in an accessibility statement", key))
		}
	}
	required("published", s.Published.IsZero())
	required("prepared", s.Prepared.IsZero())
	required("status", s.Status == "")
	required("method", s.Method == "")
	required("contact.person", s.Contact.Person == "")
	required("contact.email", s.Contact.Email == "")
	required("procedure", strings.TrimSpace(s.Procedure) == "")
	if s.Status != "" && !slices.Contains(StatementStatus, s.Status) {
		ds = append(ds, p.errorf("status", "status must be one of %s, got %q", strings.Join(StatementStatus, ", "), s.Status))
	}
	if s.Status == "partial" && len(s.NonAccessible) == 0 {
		ds = append(ds, p.errorf("status", "a partially compliant site lists its non-accessible content in nonAccessible"))
	}
	if s.Method != "" && !slices.Contains(StatementMethods, s.Method) {
		ds = append(ds, p.errorf("method", "method must be one of %s, got %q", strings.Join(StatementMethods, ", "), s.Method))
	}
	if s.Method == "audit" && s.Auditor == "" {
		ds = append(ds, p.errorf("method", "auditor is required when method is audit"))
	}
	if s.Contact.Email != "" {
		if a, err := mail.ParseAddress(s.Contact.Email); err != nil || a.Address != s.Contact.Email {
			ds = append(ds, p.errorf("contact.email", "contact.email %q is not an e-mail address", s.Contact.Email))
		}
	}
	if !s.Updated.IsZero() && !s.Published.IsZero() && s.Updated.String() < s.Published.String() {
		ds = append(ds, p.errorf("updated", "updated (%s) is before published (%s)", s.Updated, s.Published))
	}
	return ds
}

// isStatement reports whether a decoded front matter selects the
// accessibility statement layout.
func isStatement(typ string) bool { return typ == "accessibility" }
