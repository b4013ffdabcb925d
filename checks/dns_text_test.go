package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

// dnsURLTextJoined is dnsURLText as it was written with lists and joins:
// the reference for the one-buffer rendering.
func dnsURLTextJoined(urls []dnsURL, who string) string {
	var yes, maybe, no []string
	for _, u := range urls {
		s := u.Form + " " + u.URL
		switch u.Works {
		case symbol.True:
			yes = append(yes, s)
		case symbol.Unknown:
			maybe = append(maybe, s+" ("+u.Why+")")
		default:
			no = append(no, s+" ("+u.Why+")")
		}
	}
	var parts []string
	if len(yes) > 0 {
		parts = append(parts, "will work: "+strings.Join(yes, "; "))
	} else {
		parts = append(parts, "no invoke URL will work")
	}
	if len(maybe) > 0 {
		parts = append(parts, "may work: "+strings.Join(maybe, "; "))
	}
	if len(no) > 0 {
		parts = append(parts, "will not work: "+strings.Join(no, "; "))
	}
	return "Invoke URLs for " + who + " — " + strings.Join(parts, "; ") + "."
}

func TestDNSURLTextMatchesJoined(t *testing.T) {
	tris := []symbol.Tri{symbol.True, symbol.Unknown, symbol.False}
	// every list of up to four URLs with every mix of verdicts
	var lists [][]dnsURL
	var grow func(l []dnsURL)
	grow = func(l []dnsURL) {
		lists = append(lists, l)
		if len(l) == 4 {
			return
		}
		for _, w := range tris {
			u := dnsURL{Form: fmt.Sprintf("form%d", len(l)), URL: fmt.Sprintf("https://u%d/x", len(l)), Works: w, Why: fmt.Sprintf("why%d", len(l))}
			grow(append(append([]dnsURL(nil), l...), u))
		}
	}
	grow(nil)
	for _, l := range lists {
		if got, want := dnsURLText(l, "c calling a"), dnsURLTextJoined(l, "c calling a"); got != want {
			t.Errorf("%v:\n got %q\nwant %q", l, got, want)
		}
	}
}
