//! Resolving a reference phrase to entities. Never guesses: when the rules
//! below leave more than one candidate, the reference stays unresolved.
//!
//! - singular (`it`, `that one`): the candidates mentioned most recently
//!   (latest turn, counting earlier words of the current turn) among
//!   entities whose latest mention was singular; only items (products,
//!   parts, orders) while any item was ever named, else categories. One candidate → it. Several → the user's
//!   focus if it is one of them, otherwise `ambiguous`.
//! - plural (`they`, `those`): the most recent of (a) the last list,
//!   (b) entities mentioned in the plural (`hydraulic hoses`); a list wins a
//!   tie within a turn. A singular antecedent also counts (units of one
//!   product) when the turn counts before the phrase (`I'll take 2, do you
//!   ship them?`, `two of those`); otherwise a plural never points at one
//!   singular thing (`can you add them` after one hose stays unresolved).
//!   Last, (c) two items named in different turns since any list or plural
//!   antecedent (`the HH-12? … and the SK-10? … send both`), when they are
//!   exactly two: three would be a guess.
//! - every rule skips the noun the phrase is attached to (`filters for
//!   them`: not the filters) and the subject of its own clause (`will the
//!   TV-3 work with it`: not the TV-3).
//! - ordinal (`the second one`, `the last one`, `the latter`): that member of
//!   the last list. `the other one`: in a two-item list, the member not
//!   mentioned (or pointed at) most recently; a tie is broken by the focus,
//!   otherwise `ambiguous`.
//! - a pick in words: `the pea one` → the list member (else tracked item)
//!   whose name has that word, exactly one; `the cheaper one`, `the more
//!   expensive one` → never resolved (`ambiguous` over a list): prices and
//!   sizes live in the assistant's prose, not in the state.
//! - a category noun in the phrase (`that valve`, `those pumps`) keeps only
//!   items of that category.
//!
//! A list is what one turn mentions when it names two or more distinct items
//! (else two or more categories, else orders), in text order, at most
//! [`MAX_LIST_ITEMS`]; when the user's focus is among three or more items it
//! is left out (the assistant answering "these fit your HP-200" lists the
//! others).

use super::refs::{Phrase, Pointer};
use super::report::UnresolvedReason;
use super::state::{Entity, EntityKind, ListMemo, MAX_LIST_ITEMS};

/// What resolution needs: entities as updated so far in this turn.
pub(crate) struct Work {
    pub turn: u64,
    pub entities: Vec<Entity>,
    /// Focus before this turn.
    pub focus: Option<String>,
    /// The list remembered before this turn.
    pub last_list: Option<ListMemo>,
    /// Keys mentioned explicitly in this turn so far, in order.
    pub turn_mentions: Vec<String>,
}

impl Work {
    fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// The list mentioned by `keys` (one turn), if it is one.
    pub fn list_of(&self, keys: &[String]) -> Option<Vec<String>> {
        let mut distinct: Vec<&Entity> = Vec::new();
        for k in keys {
            if let Some(e) = self.entity(k) {
                if !distinct.iter().any(|d| d.key == e.key) {
                    distinct.push(e);
                }
            }
        }
        for group in [
            &(|k: EntityKind| k.is_item()) as &dyn Fn(EntityKind) -> bool,
            &|k| k == EntityKind::Category,
            &|k| k == EntityKind::Order,
        ] {
            let mut members: Vec<String> = distinct
                .iter()
                .filter(|e| group(e.kind))
                .map(|e| e.key.clone())
                .collect();
            if members.len() >= 2 {
                if members.len() >= 3 {
                    if let Some(focus) = &self.focus {
                        members.retain(|k| k != focus);
                    }
                }
                members.truncate(MAX_LIST_ITEMS);
                return Some(members);
            }
        }
        None
    }

    /// The latest list (this turn's so far, else the remembered one), filtered to `category`.
    fn latest_list(
        &self,
        category: Option<&str>,
        excluded: Excluded,
    ) -> Option<(u64, Vec<String>)> {
        let said: Vec<String> = self
            .turn_mentions
            .iter()
            .filter(|k| !excluded.contains(k))
            .cloned()
            .collect();
        let (turn, keys) = match self.list_of(&said) {
            Some(keys) => (self.turn, keys),
            None => {
                let memo = self.last_list.as_ref()?;
                (memo.turn_index, memo.keys.clone())
            }
        };
        let keys: Vec<String> = keys
            .into_iter()
            .filter(|k| category.is_none_or(|c| self.entity(k).is_some_and(|e| in_category(e, c))))
            .collect();
        (!keys.is_empty()).then_some((turn, keys))
    }

    /// The most recent singular antecedent and its turn.
    fn singular(
        &self,
        category: Option<&str>,
        excluded: Excluded,
    ) -> Option<(u64, Result<String, UnresolvedReason>)> {
        let mut candidates: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| !excluded.contains(&e.key))
            .filter(|e| match category {
                Some(c) => e.kind.is_item() && in_category(e, c),
                None => !e.plural,
            })
            .collect();
        // A pronoun points at a thing: a category only when no item was ever named.
        if candidates.iter().any(|e| e.kind != EntityKind::Category) {
            candidates.retain(|e| e.kind != EntityKind::Category);
        }
        let turn = candidates.iter().map(|e| e.last_mention_turn).max()?;
        let group: Vec<&Entity> = candidates
            .into_iter()
            .filter(|e| e.last_mention_turn == turn)
            .collect();
        let outcome = match group.as_slice() {
            [only] => Ok(only.key.clone()),
            _ => match &self.focus {
                Some(focus) if group.iter().any(|e| &e.key == focus) => Ok(focus.clone()),
                _ => Err(UnresolvedReason::Ambiguous),
            },
        };
        Some((turn, outcome))
    }

    /// Entities whose latest mention was plural, at their latest turn.
    fn plural_mentions(
        &self,
        category: Option<&str>,
        excluded: Excluded,
    ) -> Option<(u64, Vec<String>)> {
        let candidates: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| {
                e.plural
                    && !excluded.contains(&e.key)
                    && category.is_none_or(|c| in_category(e, c) || e.name.eq_ignore_ascii_case(c))
            })
            .collect();
        let turn = candidates.iter().map(|e| e.last_mention_turn).max()?;
        let keys = candidates
            .into_iter()
            .filter(|e| e.last_mention_turn == turn)
            .map(|e| e.key.clone())
            .collect();
        Some((turn, keys))
    }

    /// The two items named one after the other, in different turns, since
    /// `after` (the turn of any list or plural antecedent): `How much is the
    /// HH-12? … And the SK-10? … Can you send both?`. Exactly two such items,
    /// else none (three would be a guess).
    fn spread_pair(
        &self,
        category: Option<&str>,
        excluded: Excluded,
        after: Option<u64>,
    ) -> Option<(u64, Vec<String>)> {
        let items: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| e.kind.is_item() && !excluded.contains(&e.key))
            .filter(|e| category.is_none_or(|c| in_category(e, c)))
            .filter(|e| after.is_none_or(|t| e.last_mention_turn > t))
            .collect();
        match items.as_slice() {
            [a, b] if a.last_mention_turn != b.last_mention_turn => Some((
                a.last_mention_turn.max(b.last_mention_turn),
                vec![a.key.clone(), b.key.clone()],
            )),
            _ => None,
        }
    }

    /// `the pea one`: the member of the latest list whose name has the word,
    /// else the tracked item whose name has it; several → `ambiguous`, none
    /// → `no_antecedent` (the caller then drops the phrase: `the chocolate
    /// one` is a flavour, not a tracked item).
    fn described(
        &self,
        word: Option<&str>,
        excluded: Excluded,
    ) -> Result<Vec<String>, UnresolvedReason> {
        let word = word.ok_or(UnresolvedReason::NoAntecedent)?;
        let named = |e: &&Entity| {
            !excluded.contains(&e.key)
                && e.name
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.to_lowercase() == word)
        };
        let in_list: Vec<&Entity> = self
            .latest_list(None, excluded)
            .map(|(_, keys)| keys.iter().filter_map(|k| self.entity(k)).collect())
            .unwrap_or_default();
        let mut matches: Vec<&Entity> = in_list.into_iter().filter(named).collect();
        if matches.is_empty() {
            matches = self
                .entities
                .iter()
                .filter(|e| e.kind.is_item())
                .filter(named)
                .collect();
        }
        match matches.as_slice() {
            [only] => Ok(vec![only.key.clone()]),
            [] => Err(UnresolvedReason::NoAntecedent),
            _ => Err(UnresolvedReason::Ambiguous),
        }
    }

    /// Resolves one phrase to entity keys.
    pub fn resolve(&self, phrase: &Phrase) -> Result<Vec<String>, UnresolvedReason> {
        let category = phrase.category.as_deref();
        let excluded = phrase.excluded.as_slice();
        match phrase.pointer {
            Pointer::Described => self.described(phrase.descriptor.as_deref(), excluded),
            // Which is cheaper or bigger is in the assistant's prose, not in
            // the state: a pick among a list stays unresolved, unless the
            // word is in a name after all (`the charger one`).
            Pointer::Compared => match self.described(phrase.descriptor.as_deref(), excluded) {
                Err(UnresolvedReason::NoAntecedent) => match self.latest_list(category, excluded) {
                    Some(_) => Err(UnresolvedReason::Ambiguous),
                    None => Err(UnresolvedReason::NoAntecedent),
                },
                named => named,
            },
            Pointer::Singular => match self.singular(category, excluded) {
                Some((_, outcome)) => outcome.map(|k| vec![k]),
                None => Err(UnresolvedReason::NoAntecedent),
            },
            Pointer::Ordinal(n) => {
                let (_, list) = self
                    .latest_list(category, excluded)
                    .ok_or(UnresolvedReason::NoAntecedent)?;
                let index = if n == 0 {
                    list.len().checked_sub(1)
                } else {
                    Some(n - 1)
                };
                index
                    .and_then(|i| list.get(i))
                    .map(|k| vec![k.clone()])
                    .ok_or(UnresolvedReason::OutOfRange)
            }
            Pointer::Other => {
                let (_, list) = self
                    .latest_list(category, excluded)
                    .ok_or(UnresolvedReason::NoAntecedent)?;
                let [a, b] = list.as_slice() else {
                    return Err(UnresolvedReason::Ambiguous);
                };
                let turn = |k: &String| self.entity(k).map_or(0, |e| e.last_mention_turn);
                let current = match turn(a).cmp(&turn(b)) {
                    std::cmp::Ordering::Greater => a,
                    std::cmp::Ordering::Less => b,
                    std::cmp::Ordering::Equal => match &self.focus {
                        Some(f) if f == a || f == b => f,
                        _ => return Err(UnresolvedReason::Ambiguous),
                    },
                };
                Ok(vec![if current == a { b.clone() } else { a.clone() }])
            }
            Pointer::Plural => {
                // (turn, preference within a turn, outcome): the most recent wins.
                let mut options: Vec<(u64, u8, Result<Vec<String>, UnresolvedReason>)> = Vec::new();
                if let Some((turn, keys)) = self.latest_list(category, excluded) {
                    options.push((turn, 3, Ok(keys)));
                }
                if let Some((turn, keys)) = self.plural_mentions(category, excluded) {
                    options.push((turn, 2, Ok(keys)));
                }
                if phrase.counted {
                    if let Some((turn, outcome)) = self.singular(category, excluded) {
                        options.push((turn, 1, outcome.map(|k| vec![k])));
                    }
                }
                let anchor = options.iter().map(|(turn, _, _)| *turn).max();
                if let Some((turn, keys)) = self.spread_pair(category, excluded, anchor) {
                    options.push((turn, 0, Ok(keys)));
                }
                options
                    .into_iter()
                    .max_by_key(|(turn, rank, _)| (*turn, *rank))
                    .map(|(_, _, outcome)| outcome)
                    .unwrap_or(Err(UnresolvedReason::NoAntecedent))
            }
        }
    }
}

/// The keys a phrase may not point at (see `Phrase::excluded`).
type Excluded<'a> = &'a [String];

fn in_category(e: &Entity, category: &str) -> bool {
    e.category
        .as_deref()
        .is_some_and(|c| c.to_lowercase() == category.to_lowercase())
}
