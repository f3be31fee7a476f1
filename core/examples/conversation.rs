//! A short parts-catalogue chat replayed turn by turn: what each reference
//! resolved to, topic switches, and the context block a prompt would get.
//!
//! cargo run -p verity --example conversation [examples/data/conversation_parts_catalog.json]

use verity::conversation::{
    render_context, update_conversation, Catalog, ConversationState, Role, Turn,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/conversation_parts_catalog.json".to_owned());
    let catalog = Catalog::from_value(&verity::json::parse(&std::fs::read(&path)?)?)?;
    let chat = [
        (Role::User, "Do you have hydraulic pumps?"),
        (
            Role::Assistant,
            "Yes: the HP-200 Hydraulic Pump and the HP-300 Hydraulic Pump.",
        ),
        (
            Role::User,
            "How much is the second one? And is it in stock?",
        ),
        (
            Role::Assistant,
            "The HP-300 Hydraulic Pump is £620 and in stock.",
        ),
        (
            Role::User,
            "Great, I'll take 2 of them. Also, do you sell seal kits?",
        ),
        (Role::Assistant, "We have the SK-10 Seal Kit for £35."),
        (
            Role::User,
            "Does that one fit the HP-300? Where is my order #48213?",
        ),
    ];
    let mut state: Option<ConversationState> = None;
    for (role, text) in chat {
        let next = update_conversation(
            state.as_ref(),
            &Turn::new(role, text, None)?,
            Some(&catalog),
        )?;
        println!("{role:?}: {text}");
        if let Some(report) = next.last_turn() {
            for r in report.resolutions() {
                let targets: Vec<&str> = r.targets().iter().map(|t| t.name()).collect();
                match r.reason() {
                    None => println!("    \"{}\" -> {}", r.phrase(), targets.join(" + ")),
                    Some(reason) => println!("    \"{}\" -> unresolved ({reason:?})", r.phrase()),
                }
            }
            if report.topic_switch() {
                println!(
                    "    topic switch (from {})",
                    report.previous_topic().map_or("?", |t| t.name())
                );
            }
        }
        state = Some(next);
    }
    if let Some(state) = &state {
        println!(
            "\n--- context block (budget 850) ---\n{}",
            render_context(state, 850)
        );
        println!(
            "\n--- stored state: {} characters of JSON ---",
            serde_json::to_string(state)?.chars().count()
        );
    }
    Ok(())
}
