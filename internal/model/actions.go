package model

import tfjson "github.com/hashicorp/terraform-json"

// A plan's action lists are few ([create], [no-op], [update], [delete],
// [read], the two replaces), and nothing changes an instance's Actions once
// the model is built: instances with the same list share one, instead of
// each allocating its own.

// maxActionLists bounds the distinct lists shared.
const maxActionLists = 16

// actionLists hands out the shared lists of one model's instances.
type actionLists struct {
	lists [][]string
}

// of returns acts as strings (nil when empty), the same slice for the same
// list. Its capacity ends with it: an append copies.
func (l *actionLists) of(acts tfjson.Actions) []string {
	if len(acts) == 0 {
		return nil
	}
next:
	for _, list := range l.lists {
		if len(list) != len(acts) {
			continue
		}
		for k, a := range acts {
			if list[k] != string(a) {
				continue next
			}
		}
		return list
	}
	list := make([]string, len(acts))
	for k, a := range acts {
		list[k] = string(a)
	}
	if len(l.lists) < maxActionLists {
		l.lists = append(l.lists, list)
	}
	return list
}
