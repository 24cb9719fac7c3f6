//! zhengce (政策): trace how national Chinese policy text travels into provincial and city
//! measures.
//!
//! One pipeline, one module per stage:
//! [`source`] → [`normalize`] → [`parse`] → [`segment`] → [`cite`] → [`graph`] → [`align`] →
//! [`diff`] → [`check`] → [`report`].
//! The data types all stages share live in [`model`].
//! What people read (pages, `check`, messages) is worded in [`i18n`], in English or Chinese;
//! [`redline`] writes a check into a copy of the Word draft as comments.

pub mod align;
pub mod batch;
pub mod check;
pub mod cite;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod graph;
pub mod i18n;
pub mod json;
pub mod lexicon;
pub mod library;
mod memo;
pub mod model;
pub mod normalize;
pub mod outline;
pub mod parse;
pub mod redline;
pub mod report;
pub mod segment;
pub mod source;
pub mod synth;
pub mod text;

pub use error::{Error, Result};
pub use model::{Document, Span, Unit, UnitId, UnitKind};
