//! The `zhengce` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zhengce::{json, parse, source};

/// zhengce (政策): how national Chinese policy text travels into local measures.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Refuse input files larger than this many bytes.
    #[arg(long, global = true, default_value_t = source::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a document into its structure tree.
    Parse {
        /// The document (.txt or .md; UTF-8, UTF-16 or GB18030).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("zhengce: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> zhengce::Result<()> {
    match cli.command {
        Command::Parse { file, format } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            match format {
                Format::Json => println!("{:#}", json::document(&doc)),
                Format::Text => print!("{}", zhengce::outline::outline(&doc)),
            }
        }
    }
    Ok(())
}
