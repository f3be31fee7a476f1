//! One turn applied to a state: the pure fold behind `update_conversation`.
//!
//! Order of work: decay salience; walk the turn's explicit mentions and
//! (user turns only) reference phrases in text order, so a reference sees
//! what was said before it, even earlier in the same turn; quantities; the
//! turn's list; then, for user turns, focus and topic (the topic of the
//! first item named or pointed at, else of the first category; unchanged
//! when the turn opens with a reference left unresolved); for an
//! assistant turn that answers a question about a category with exactly one
//! item of it, that item becomes the focus; finally pruning.
//!
//! Salience (integer 0..=100): a mention sets it to at least 100 (user),
//! 70 (assistant) or 50 (system); a resolved reference to 100; every turn
//! multiplies it by 9/10 (rounding down); a topic switch halves it for the
//! entities of the old topic. Entities at 0 are dropped, and beyond
//! [`MAX_ENTITIES`] the least salient, then least recent, then greatest key go.

use super::catalog::Catalog;
use super::extract::{mentions, number, Found};
use super::refs::{phrases, Phrase, Pointer};
use super::report::UnresolvedReason::NoAntecedent;
use super::report::{Mention, QuantityMention, Resolution, Target, TurnReport};
use super::resolve::Work;
use super::state::{ConversationState, Entity, ListMemo, MAX_ENTITIES, MAX_REPORT_ITEMS};
use super::text::words;
use super::topic::{answer_to_category_question, focus_of, modifies_previous, move_topic};
use super::turn::{Role, Turn};
use crate::error::{Error, Result};

/// New entities one turn may add (the first in text order); only
/// [`MAX_ENTITIES`] survive pruning anyway, and this keeps a 16 KiB turn of
/// part numbers linear.
pub const MAX_NEW_ENTITIES_PER_TURN: usize = 64;

const COUNT_WORDS: [&str; 14] = [
    "x", "units", "unit", "pcs", "pieces", "packs", "pack", "tubs", "bottles", "boxes", "tubes",
    "items", "more", "of",
];

/// Applies `turn` to `state` (or to an empty state) and returns the new state.
pub(crate) fn apply(
    state: Option<&ConversationState>,
    turn: &Turn,
    catalog: Option<&Catalog>,
) -> Result<ConversationState> {
    let previous = state.cloned().unwrap_or_default();
    let index = match (turn.turn_index(), previous.last_turn_index) {
        (Some(i), Some(last)) if i <= last => {
            return Err(Error::invalid_input(
                "$.turn_index",
                format!("turn_index {i} is not after the last turn applied ({last})"),
            ))
        }
        (Some(i), _) => i,
        (None, Some(last)) => last.saturating_add(1),
        (None, None) => 0,
    };
    let ws = words(turn.text());
    let found = mentions(&ws, catalog);
    let refs = if turn.role() == Role::User {
        phrases(&ws, &found)
    } else {
        Vec::new()
    };
    let consumed: Vec<usize> = refs.iter().filter_map(|p| p.consumed_mention).collect();
    let explicit: Vec<&Found> = found
        .iter()
        .enumerate()
        .filter(|(i, _)| !consumed.contains(i))
        .map(|(_, f)| f)
        .collect();

    let mut work = Work {
        turn: index,
        entities: previous.entities.clone(),
        focus: previous.focus.clone(),
        last_list: previous.last_list.clone(),
        turn_mentions: Vec::new(),
    };
    for e in &mut work.entities {
        e.salience = e.salience * 9 / 10;
    }
    let base = match turn.role() {
        Role::User => 100,
        Role::Assistant => 70,
        Role::System => 50,
    };
    let mut report_mentions = Vec::new();
    let mut resolutions: Vec<(usize, Resolution)> = Vec::new();
    // (word position, key) of what a user turn is about, for focus and topic.
    let mut subjects: Vec<(usize, String)> = Vec::new();
    // The turn opens with a reference left unresolved (`the cheaper one…
    // does it come with a seal kit?`): what it is about is unknown.
    let mut opens_unresolved = false;
    // Mentions saying what another is for (`a seal kit for the HP-300`):
    // part of the focus, not of the topic.
    let mut modifiers: Vec<usize> = Vec::new();
    let (mut m, mut r) = (0, 0);
    while m < explicit.len() || r < refs.len() {
        let take_mention = match (explicit.get(m), refs.get(r)) {
            (Some(f), Some(p)) => f.start < p.start,
            (Some(_), None) => true,
            _ => false,
        };
        if take_mention {
            let f = explicit[m];
            m += 1;
            let known = work.entities.iter().any(|e| e.key == f.key);
            if !known && work.entities.len() >= previous.entities.len() + MAX_NEW_ENTITIES_PER_TURN
            {
                continue;
            }
            touch(&mut work.entities, f, index, base, f.plural);
            work.turn_mentions.push(f.key.clone());
            subjects.push((f.start, f.key.clone()));
            if modifies_previous(&ws, &explicit, m - 1) {
                modifiers.push(f.start);
            }
            report_mentions.push(Mention {
                key: f.key.clone(),
                kind: f.kind,
                name: f.name.clone(),
                plural: f.plural,
            });
        } else {
            let p = &refs[r];
            r += 1;
            if p.pointer == Pointer::Described && work.resolve(p).is_err_and(|e| e == NoAntecedent)
            {
                // `the chocolate one`: no tracked item is described, so no reference.
                continue;
            }
            let resolution = resolve_phrase(&mut work, p, index);
            if resolution.resolved && p.pointer != Pointer::Plural {
                subjects.extend(resolution.targets.iter().map(|t| (p.start, t.key.clone())));
            }
            opens_unresolved |= !resolution.resolved && subjects.is_empty();
            resolutions.push((p.start, resolution));
        }
    }
    let quantities = if turn.role() == Role::User {
        quantities(&ws, &explicit, &refs, &resolutions, &mut work.entities)
    } else {
        Vec::new()
    };
    let list = work.list_of(&work.turn_mentions);
    let mut next = ConversationState {
        format_version: previous.format_version,
        turn_count: previous.turn_count.saturating_add(1),
        last_turn_index: Some(index),
        topic: previous.topic.clone(),
        focus: previous.focus.clone(),
        last_list: match list {
            Some(keys) => Some(ListMemo {
                turn_index: index,
                keys,
            }),
            None => previous.last_list.clone(),
        },
        entities: work.entities,
        last_turn: None,
    };
    let mut previous_topic = None;
    if turn.role() == Role::User {
        next.focus =
            focus_of(&next, &subjects).or(next.focus.take().filter(|_| subjects.is_empty()));
        if !opens_unresolved {
            let about: Vec<(usize, String)> = subjects
                .iter()
                .filter(|(at, _)| !modifiers.contains(at))
                .cloned()
                .collect();
            previous_topic = move_topic(&mut next, &about, index);
        }
    }
    let topic_switch = previous_topic.is_some();
    if turn.role() == Role::Assistant {
        if let Some(answer) = answer_to_category_question(&previous, &next, &report_mentions) {
            next.focus = Some(answer);
        }
    }
    prune(&mut next, index);
    report_mentions.truncate(MAX_REPORT_ITEMS);
    let mut quantities = quantities;
    quantities.truncate(MAX_REPORT_ITEMS);
    next.last_turn = Some(TurnReport {
        turn_index: index,
        role: turn.role(),
        mentions: report_mentions,
        quantities,
        resolutions: resolutions
            .into_iter()
            .take(MAX_REPORT_ITEMS)
            .map(|(_, r)| r)
            .collect(),
        topic_switch,
        previous_topic,
    });
    Ok(next)
}

/// Records a mention (or a resolved reference) of an entity.
fn touch(entities: &mut Vec<Entity>, f: &Found, turn: u64, salience: u32, plural: bool) {
    match entities.iter_mut().find(|e| e.key == f.key) {
        Some(e) => {
            e.last_mention_turn = turn;
            e.mention_count = e.mention_count.saturating_add(1);
            e.plural = plural;
            e.salience = e.salience.max(salience);
        }
        None => entities.push(Entity {
            key: f.key.clone(),
            kind: f.kind,
            name: f.name.clone(),
            category: f.category.clone(),
            first_mention_turn: turn,
            last_mention_turn: turn,
            mention_count: 1,
            plural,
            salience,
            quantity: None,
        }),
    }
}

fn resolve_phrase(work: &mut Work, p: &Phrase, turn: u64) -> Resolution {
    let outcome = work.resolve(p);
    let kind = match p.pointer {
        Pointer::Singular => super::report::ReferenceKind::Singular,
        Pointer::Plural => super::report::ReferenceKind::Plural,
        Pointer::Ordinal(_) | Pointer::Other | Pointer::Described | Pointer::Compared => {
            super::report::ReferenceKind::Ordinal
        }
    };
    let mut targets = Vec::new();
    if let Ok(keys) = &outcome {
        for key in keys {
            if let Some(e) = work.entities.iter_mut().find(|e| &e.key == key) {
                e.last_mention_turn = turn;
                e.mention_count = e.mention_count.saturating_add(1);
                e.salience = 100;
                if p.pointer != Pointer::Plural {
                    e.plural = false;
                }
                targets.push(Target {
                    key: e.key.clone(),
                    kind: e.kind,
                    name: e.name.clone(),
                });
            }
        }
    }
    Resolution {
        turn_index: turn,
        phrase: p.text.clone(),
        kind,
        resolved: outcome.is_ok(),
        targets,
        reason: outcome.err(),
    }
}

/// Numbers followed by a mention (`2 HP-200 pumps`), by `of` + a reference
/// (`two of them`) or by a count word (`3 x`, `4 units`).
fn quantities(
    ws: &[super::text::Word],
    explicit: &[&Found],
    refs: &[Phrase],
    resolutions: &[(usize, Resolution)],
    entities: &mut [Entity],
) -> Vec<QuantityMention> {
    // Per word: covered by a mention or phrase; index of the mention starting there.
    let mut covered = vec![false; ws.len()];
    let mut mention_start: Vec<Option<usize>> = vec![None; ws.len()];
    for (m, f) in explicit.iter().enumerate() {
        covered[f.start..f.end].iter_mut().for_each(|c| *c = true);
        mention_start[f.start] = Some(m);
    }
    for p in refs {
        covered[p.start..p.end].iter_mut().for_each(|c| *c = true);
    }
    let covered = |i: usize| covered.get(i).copied().unwrap_or(false);
    let mention_at = |i: usize| {
        let m = mention_start.get(i).copied().flatten()?;
        explicit.get(m).map(|f| vec![f.key.clone()])
    };
    let resolved_at = |i: usize| {
        resolutions
            .iter()
            .find(|(start, _)| *start == i)
            .map(|(_, r)| r.targets.iter().map(|t| t.key.clone()).collect::<Vec<_>>())
    };
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let Some(value) = number(w) else { continue };
        if covered(i) {
            continue;
        }
        let next = ws.get(i + 1).map(|w| w.lower.as_str()).unwrap_or("");
        let applies_to = if let Some(keys) = mention_at(i + 1) {
            keys
        } else if COUNT_WORDS.contains(&next) {
            mention_at(i + 2)
                .or_else(|| resolved_at(i + 2))
                .unwrap_or_default()
        } else {
            continue;
        };
        for e in entities.iter_mut().filter(|e| applies_to.contains(&e.key)) {
            e.quantity = Some(value);
        }
        out.push(QuantityMention {
            value,
            text: w.raw.clone(),
            applies_to,
        });
    }
    out
}

fn prune(state: &mut ConversationState, turn: u64) {
    state
        .entities
        .retain(|e| e.salience > 0 || e.last_mention_turn == turn);
    if state.entities.len() > MAX_ENTITIES {
        let mut ranked: Vec<(u32, u64, String)> = state
            .entities
            .iter()
            .map(|e| (e.salience, e.last_mention_turn, e.key.clone()))
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let drop: Vec<String> = ranked
            .into_iter()
            .take(state.entities.len() - MAX_ENTITIES)
            .map(|r| r.2)
            .collect();
        state.entities.retain(|e| !drop.contains(&e.key));
    }
    let alive = |k: &String| state.entities.iter().any(|e| &e.key == k);
    if state.focus.as_ref().is_some_and(|f| !alive(f)) {
        state.focus = None;
    }
    if state
        .last_list
        .as_ref()
        .is_some_and(|l| !l.keys.iter().all(alive))
    {
        state.last_list = None;
    }
}
