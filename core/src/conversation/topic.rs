//! What a user turn is about: its topic (and whether it switched), the
//! user's focus, and the focus an assistant's answer sets. Called from
//! `update.rs` after the turn's mentions and references are walked.

use super::extract::Found;
use super::lexicon::ATTACHING_PREPOSITIONS;
use super::report::Mention;
use super::state::{ConversationState, Entity, EntityKind, Topic};
use super::text::Word;
use super::turn::Role;

/// Sets the topic from what a user turn is about: the first item it names
/// or points at, else the first category. Returns the old topic on a
/// switch, after halving the salience of the old topic's entities.
pub(crate) fn move_topic(
    next: &mut ConversationState,
    subjects: &[(usize, String)],
    turn: u64,
) -> Option<Topic> {
    let subject_entities: Vec<&Entity> = subjects
        .iter()
        .filter_map(|(_, k)| next.entity(k))
        .collect();
    let topic = subject_entities
        .iter()
        .find(|e| e.kind != EntityKind::Category)
        .or(subject_entities.first())
        .map(|e| e.topic())?;
    let old = next.topic.replace(topic.clone());
    let old = old.filter(|old| old.key != topic.key)?;
    for e in &mut next.entities {
        if e.topic().key == old.key && e.last_mention_turn != turn {
            e.salience /= 2;
        }
    }
    Some(old)
}

/// `a seal kit for the HP-300`: the mention after a preposition (and an
/// optional article) right after another mention says what that one is
/// for; the turn is about the first.
pub(crate) fn modifies_previous(ws: &[Word], explicit: &[&Found], m: usize) -> bool {
    let Some(f) = explicit.get(m) else {
        return false;
    };
    let lower = |k: usize| ws.get(k).map_or("", |w| w.lower.as_str());
    let mut k = f.start;
    if k >= 1 && matches!(lower(k - 1), "the" | "a" | "an" | "my" | "our") {
        k -= 1;
    }
    k >= 2
        && ATTACHING_PREPOSITIONS.contains(&lower(k - 1))
        && m >= 1
        && explicit.get(m - 1).is_some_and(|p| p.end == k - 1)
}

/// The user asked about a category (`do you have a seal kit for it?`) and
/// the assistant answered with exactly one item of it: that item is now in focus.
pub(crate) fn answer_to_category_question(
    previous: &ConversationState,
    next: &ConversationState,
    said: &[Mention],
) -> Option<String> {
    let question = previous
        .last_turn
        .as_ref()
        .filter(|t| t.role == Role::User)?;
    let asked: Vec<String> = question
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Category)
        .map(|m| m.name.to_lowercase())
        .collect();
    let mut answers: Vec<&str> = Vec::new();
    for m in said {
        let in_asked = next
            .entity(&m.key)
            .and_then(Entity::category)
            .is_some_and(|c| asked.contains(&c.to_lowercase()));
        if in_asked && !answers.contains(&m.key.as_str()) {
            answers.push(&m.key);
        }
    }
    match answers.as_slice() {
        [only] => Some((*only).to_owned()),
        _ => None,
    }
}

/// The user's focus after a turn about `subjects`: the one item (or order)
/// named or resolved; none when several; else the first category.
pub(crate) fn focus_of(state: &ConversationState, subjects: &[(usize, String)]) -> Option<String> {
    let mut items: Vec<&str> = Vec::new();
    let mut first_category = None;
    for (_, key) in subjects {
        let Some(e) = state.entity(key) else { continue };
        if e.kind == EntityKind::Category {
            first_category.get_or_insert(key.clone());
        } else if !items.contains(&key.as_str()) {
            items.push(key);
        }
    }
    match items.as_slice() {
        [only] => Some((*only).to_owned()),
        [] => first_category,
        _ => None,
    }
}
