//! The `zhengce` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zhengce::{json, normalize, parse, segment, source};

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
    /// Print the normalised text: simplified script, mainland vocabulary, folded widths.
    Normalize {
        /// The document.
        file: PathBuf,
        /// Print the match key instead (no punctuation, numbering or spaces; variants folded).
        #[arg(long)]
        key: bool,
    },
    /// Print the normalised text segmented into words, separated by spaces.
    Segment {
        /// The document.
        file: PathBuf,
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
        Command::Normalize { file, key } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            let whole = zhengce::Span::new(0, doc.text.len());
            let display = normalize::display(&doc.text, whole, doc.script);
            let text = if key { normalize::key(&display).text } else { display.text };
            println!("{text}");
        }
        Command::Segment { file } => {
            let doc = parse::parse_file(&file, cli.max_file_size)?;
            let display = normalize::display(&doc.text, zhengce::Span::new(0, doc.text.len()), doc.script);
            for line in display.text.lines() {
                let words: Vec<&str> = segment::words(line).into_iter().filter(|w| !w.trim().is_empty()).collect();
                println!("{}", words.join(" "));
            }
        }
    }
    Ok(())
}
