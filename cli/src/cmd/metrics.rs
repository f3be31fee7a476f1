//! `verity metrics METRICS.json [OTHER.json]`: print one run's metrics as a
//! readable summary, or compare two runs (first = before, second = after).
//! A `pairing.json` is accepted too (its `metrics` are used).

use crate::io::{read_json, CliError, Outcome};
use serde_json::Value;
use verity::pairing::compare_metrics;

/// Arguments of `verity metrics`.
#[derive(clap::Args)]
pub struct Args {
    /// A metrics document.
    pub metrics: std::path::PathBuf,
    /// A second metrics document to compare against (yesterday vs today).
    pub other: Option<std::path::PathBuf>,
}

fn load(path: &std::path::Path) -> Result<Value, CliError> {
    let doc = read_json(path)?;
    let metrics = match doc.get("metrics") {
        Some(m) if doc.get("pairs").is_some() => m.clone(),
        _ => doc,
    };
    if metrics.get("totals").and_then(Value::as_object).is_none() {
        return Err(CliError(format!(
            "{}: missing_field at $.totals: not a pairing metrics document",
            path.display()
        )));
    }
    Ok(metrics)
}

fn pct(v: &Value) -> String {
    v.as_f64()
        .map_or_else(|| "-".to_owned(), |x| format!("{:.2}%", x * 100.0))
}

fn print_one(m: &Value) {
    let t = &m["totals"];
    println!("engine {}", m["engine_version"].as_str().unwrap_or("?"));
    for key in [
        "images",
        "fronts",
        "backs",
        "extras",
        "unknown",
        "candidates",
        "auto_pairs",
        "model_pairs",
        "pairs",
        "tiebreaks",
        "singletons",
        "extras_attached",
    ] {
        println!(
            "  {key:<16} {}",
            t.get(key).map_or_else(|| "-".to_owned(), Value::to_string)
        );
    }
    println!("  pair rate        {}", pct(&m["pair_rate"]));
    println!("  singleton rate   {}", pct(&m["singleton_rate"]));
    for (title, key) in [("by category", "by_category"), ("by brand", "by_brand")] {
        if let Some(groups) = m.get(key).and_then(Value::as_object) {
            println!("{title}:");
            for (name, g) in groups {
                println!(
                    "  {name:<20} {}/{} paired ({})",
                    g["pairs"],
                    g["fronts"],
                    pct(&g["pair_rate"])
                );
            }
        }
    }
    if let Some(reasons) = m.get("reasons").and_then(Value::as_object) {
        println!("singleton reasons:");
        for (reason, n) in reasons {
            println!("  {reason:<20} {n}");
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let first = load(&args.metrics)?;
    let Some(other) = &args.other else {
        print_one(&first);
        return Ok(Outcome::Clean);
    };
    let second = load(other)?;
    let changes = compare_metrics(&first, &second);
    println!(
        "{} → {}: {} change(s)",
        args.metrics.display(),
        other.display(),
        changes.len()
    );
    let show = |v: Option<f64>| v.map_or_else(|| "(absent)".to_owned(), |x| format!("{x}"));
    for c in &changes {
        let delta = c.delta.map_or_else(String::new, |d| format!(" ({d:+})"));
        println!(
            "  {:<48} {} → {}{delta}",
            c.path,
            show(c.before),
            show(c.after)
        );
    }
    Ok(Outcome::Clean)
}
