package content

// Front is the front matter that every page may have.
type Front struct {
	Title       string         `yaml:"title"`
	Date        Date           `yaml:"date"`
	Draft       bool           `yaml:"draft"`
	PublishDate Date           `yaml:"publishDate"`
	ExpiryDate  Date           `yaml:"expiryDate"`
	Slug        string         `yaml:"slug"`
	Description string         `yaml:"description"`
	Tags        []string       `yaml:"tags"`
	Weight      int            `yaml:"weight"`
	Aliases     []string       `yaml:"aliases"`
	Params      map[string]any `yaml:"params"`
	Type        string         `yaml:"type"`
}

// Story is the front matter of a page in content/stories/.
type Story struct {
	Person         Person  `yaml:"person"`
	Program        string  `yaml:"program"`
	Faculty        string  `yaml:"faculty"`
	Host           Host    `yaml:"host"`
	MobilityYear   int     `yaml:"mobility_year"`
	GraduationYear int     `yaml:"graduation_year"`
	Profession     string  `yaml:"profession"`
	Employer       string  `yaml:"employer"`
	Quote          string  `yaml:"quote"`
	Video          string  `yaml:"video"`
	Featured       bool    `yaml:"featured"`
	Consent        Consent `yaml:"consent"`
}

// Person is the alumnus or alumna a story is about.
type Person struct {
	Name     string `yaml:"name"`
	Role     string `yaml:"role"`
	Photo    string `yaml:"photo"`
	PhotoAlt string `yaml:"photo_alt"`
}

// Host is the institution that received the person.
type Host struct {
	Institution string `yaml:"institution"`
	City        string `yaml:"city"`
	Country     string `yaml:"country"`
}

// Consent records the person's consent to publication. Without a scope it
// covers the whole story.
type Consent struct {
	Given     Date     `yaml:"given"`
	ID        string   `yaml:"id"`
	Expires   Date     `yaml:"expires"`
	Withdrawn Date     `yaml:"withdrawn"`
	Scope     []string `yaml:"scope"`
}

// Video is the front matter of a page in content/videos/.
type Video struct {
	Video    VideoSource `yaml:"video"`
	Speakers []string    `yaml:"speakers"`
}

// VideoSource says where a video is played from.
type VideoSource struct {
	Provider string            `yaml:"provider"`
	ID       string            `yaml:"id"`
	Src      string            `yaml:"src"`
	Duration Duration          `yaml:"duration"`
	Poster   string            `yaml:"poster"`
	Captions map[string]string `yaml:"captions"`
}

// The allowed values of the enumerated fields.
var (
	Roles        = []string{"student", "graduate", "staff", "teacher"}
	Programs     = []string{"study", "traineeship", "staff-teaching", "staff-training", "blended"}
	ConsentScope = []string{"name", "photo", "quote", "story", "video"}
	Providers    = []string{"youtube", "vimeo", "file"}
)

// storyFront and videoFront are what a story or video file decodes into:
// the common keys and the kind's own keys at the same level.
type storyFront struct {
	Front `yaml:",inline"`
	Story `yaml:",inline"`
}

type videoFront struct {
	Front `yaml:",inline"`
	Video `yaml:",inline"`
}
