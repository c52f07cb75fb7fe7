package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
)

// Message is one message of the Nu Html Checker.
type Message struct {
	Type    string `json:"type"`
	SubType string `json:"subType"`
	// URL names the file, as a file: URL.
	URL         string `json:"url"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
}

func (m Message) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s (%q)", m.URL, m.LastLine, m.FirstColumn, m.Type, m.Message, m.Extract)
}

// Validate runs the Nu Html Checker (java -jar jar) on HTML files and
// returns its errors; warnings are not reported. A problem running the
// checker is an error.
func Validate(ctx context.Context, java, jar string, files ...string) ([]Message, error) {
	args := append([]string{"-jar", jar, "--errors-only", "--exit-zero-always", "--format", "json"}, files...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("running the Nu Html Checker: %w\n%s%s", err, stdout.String(), stderr.String())
	}
	// The checker writes its JSON report to stderr.
	var report struct {
		Messages []Message `json:"messages"`
	}
	out := stderr.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		out = stdout.Bytes()
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return nil, fmt.Errorf("reading the Nu Html Checker's report: %w\n%s", err, out)
	}
	var errs []Message
	for _, m := range report.Messages {
		// "error" is a markup error, "non-document-error" a file that
		// could not be read; "info" messages are warnings and notes.
		if m.Type != "info" {
			errs = append(errs, m)
		}
	}
	return errs, nil
}
