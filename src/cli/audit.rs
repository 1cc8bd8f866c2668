//! `jackbox audit`: the audit log (who changed what), newest first; `--json` prints what
//! `GET /api/audit` returns.

use super::output;
use super::Ctx;
use crate::core::audit;
use crate::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  jackbox audit
  jackbox audit --actor alice --limit 20
  jackbox audit --action game          (every game.* action)
  jackbox audit --before 120           (older than entry 120: the next page)

Actors: an admin's name for HTTP writes, cli:<user> for the CLI (JACKBOX_ACTOR overrides).")]
pub struct Args {
    /// Only this actor (`alice`, `cli:sam`)
    #[arg(long)]
    actor: Option<String>,
    /// Only this action (`session.create`), or a family (`game`)
    #[arg(long)]
    action: Option<String>,
    /// At most N entries (1-1000)
    #[arg(long, default_value_t = audit::DEFAULT_LIMIT)]
    limit: i64,
    /// Only entries older than entry ID (paging)
    #[arg(long, value_name = "ID")]
    before: Option<i64>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let filter = audit::Filter {
        limit: Some(args.limit),
        before: args.before,
        actor: args.actor,
        action: args.action,
    }
    .validate()?;
    let entries = audit::list(&ctx.open()?, &filter)?;
    if ctx.quiet {
        entries.iter().for_each(|e| output::line(&e.id.to_string()));
        return Ok(());
    }
    if ctx.json {
        return output::json(&entries);
    }
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                output::when(&e.at),
                e.actor.clone(),
                e.action.clone(),
                output::opt(&e.target),
                e.detail.to_string(),
            ]
        })
        .collect();
    output::table(&["ID", "At", "Actor", "Action", "Target", "Detail"], rows);
    Ok(())
}
