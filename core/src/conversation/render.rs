//! The context block injected into the prompt: deterministic, readable,
//! most relevant first, never longer than the budget.
//!
//! The budget counts characters (Unicode scalar values, what Python's `len`
//! counts), not bytes; lines are separated by `\n` (counted) with no
//! trailing newline. Lines in priority order: header, focus, references of
//! the last user message, topic, last list, then the other entities by
//! salience (then most recent, then key). Lines are added while they fit; the
//! first line that does not fit is cut with `…` when at least
//! [`MIN_CUT_LINE_CHARS`] characters remain, and nothing follows it. A state
//! with nothing tracked renders as the empty string.

use super::report::TurnReport;
use super::state::{ConversationState, Entity};
use super::turn::Role;

/// The seed's budget: 850 characters.
pub const DEFAULT_CONTEXT_BUDGET: usize = 850;
/// A line is cut rather than dropped when at least this many characters remain.
pub const MIN_CUT_LINE_CHARS: usize = 24;

/// Renders `state` in at most `budget` characters.
pub fn render_context(state: &ConversationState, budget: usize) -> String {
    if state.entities.is_empty() {
        return String::new();
    }
    let mut lines = vec![format!(
        "Conversation context (turn {})",
        state.last_turn_index.unwrap_or(0)
    )];
    let focus = state.focus.as_deref().and_then(|k| state.entity(k));
    if let Some(e) = focus {
        lines.push(format!("Focus: {}", describe(e)));
    }
    if let Some(line) = state.last_turn.as_ref().and_then(references_line) {
        lines.push(line);
    }
    if let Some(topic) = &state.topic {
        let switched = state
            .last_turn
            .as_ref()
            .and_then(|t| t.previous_topic.as_ref())
            .map(|old| format!(" (switched from {} in the last message)", old.name))
            .unwrap_or_default();
        lines.push(format!("Topic: {}{switched}", topic.name));
    }
    if let Some(list) = &state.last_list {
        let members: Vec<String> = list
            .keys
            .iter()
            .filter_map(|k| state.entity(k))
            .enumerate()
            .map(|(i, e)| format!("{}. {}", i + 1, e.name))
            .collect();
        lines.push(format!(
            "Last list (turn {}): {}",
            list.turn_index,
            members.join("; ")
        ));
    }
    let mut others: Vec<&Entity> = state
        .entities
        .iter()
        .filter(|e| Some(e.key.as_str()) != state.focus.as_deref())
        .collect();
    others.sort_by(|a, b| {
        b.salience
            .cmp(&a.salience)
            .then(b.last_mention_turn.cmp(&a.last_mention_turn))
            .then(a.key.cmp(&b.key))
    });
    if !others.is_empty() {
        lines.push("Also mentioned, most relevant first:".to_owned());
        lines.extend(others.into_iter().map(|e| format!("- {}", describe(e))));
    }
    fit(&lines, budget)
}

fn describe(e: &Entity) -> String {
    let mut facts = vec![e.kind.as_str().to_owned()];
    if let Some(c) = &e.category {
        facts.push(c.clone());
    }
    if let Some(q) = e.quantity {
        facts.push(format!("qty {q}"));
    }
    let turns = if e.first_mention_turn == e.last_mention_turn {
        format!("turn {}", e.last_mention_turn)
    } else {
        format!("turns {}-{}", e.first_mention_turn, e.last_mention_turn)
    };
    format!(
        "{} ({}), mentioned {}x, {turns}",
        e.name,
        facts.join("; "),
        e.mention_count
    )
}

fn references_line(report: &TurnReport) -> Option<String> {
    if report.role != Role::User || report.resolutions.is_empty() {
        return None;
    }
    let parts: Vec<String> = report
        .resolutions
        .iter()
        .map(|r| {
            if r.resolved {
                let names: Vec<&str> = r.targets.iter().map(|t| t.name.as_str()).collect();
                format!("\"{}\" = {}", r.phrase, names.join(" + "))
            } else {
                let reason = r
                    .reason
                    .map(|x| format!(" ({})", reason_text(x)))
                    .unwrap_or_default();
                format!("\"{}\" = unresolved{reason}", r.phrase)
            }
        })
        .collect();
    Some(format!("In the last user message: {}", parts.join("; ")))
}

fn reason_text(reason: super::report::UnresolvedReason) -> &'static str {
    use super::report::UnresolvedReason::*;
    match reason {
        NoAntecedent => "nothing to refer to",
        Ambiguous => "ambiguous, ask which one",
        OutOfRange => "no such item in the last list",
    }
}

/// Joins lines while they fit in `budget` characters.
fn fit(lines: &[String], budget: usize) -> String {
    let mut out = String::new();
    let mut used = 0usize;
    for line in lines {
        let separator = usize::from(!out.is_empty());
        let length = line.chars().count();
        if used + separator + length <= budget {
            if separator == 1 {
                out.push('\n');
            }
            out.push_str(line);
            used += separator + length;
            continue;
        }
        let room = budget.saturating_sub(used + separator);
        if room >= MIN_CUT_LINE_CHARS {
            if separator == 1 {
                out.push('\n');
            }
            out.extend(line.chars().take(room - 1));
            out.push('…');
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_never_exceeds_and_cuts_with_ellipsis() {
        let lines = vec!["a".repeat(10), "b".repeat(40)];
        assert_eq!(fit(&lines, 10), "a".repeat(10));
        let cut = fit(&lines, 40);
        assert_eq!(cut.chars().count(), 40);
        assert!(cut.ends_with('…'));
        assert_eq!(fit(&lines, 5), "");
        assert_eq!(
            fit(&lines, 51),
            format!("{}\n{}", "a".repeat(10), "b".repeat(40))
        );
    }
}
