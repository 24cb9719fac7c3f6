//! The script converter: one small trait, two backends (pure-Rust ferrous-opencc by default,
//! the system OpenCC 1.1 behind the `system-opencc` feature). Both give identical output.

use std::sync::OnceLock;

/// Converts traditional Chinese to simplified (OpenCC `t2s`).
pub trait Converter: Send + Sync {
    /// `text` in simplified script. NUL characters are left out by the caller.
    fn t2s(&self, text: &str) -> String;
}

#[cfg(not(feature = "system-opencc"))]
mod backend {
    use ferrous_opencc::{config::BuiltinConfig, OpenCC};

    /// The pure-Rust backend.
    pub struct Ferrous(OpenCC);

    impl Ferrous {
        pub fn new() -> Self {
            // The t2s configuration is compiled into the crate, so loading it cannot fail at run time.
            Ferrous(OpenCC::from_config(BuiltinConfig::T2s).expect("built-in OpenCC t2s config"))
        }
    }

    impl super::Converter for Ferrous {
        fn t2s(&self, text: &str) -> String {
            self.0.convert(text)
        }
    }

    pub fn make() -> Box<dyn super::Converter> {
        Box::new(Ferrous::new())
    }
}

#[cfg(feature = "system-opencc")]
mod backend {
    use opencc_rust::{DefaultConfig, OpenCC};

    /// The system OpenCC backend.
    pub struct System(std::sync::Mutex<OpenCC>);

    impl super::Converter for System {
        fn t2s(&self, text: &str) -> String {
            // OpenCC's C API stops at NUL, so NULs never reach it.
            let clean: String = text.chars().filter(|c| *c != '\0').collect();
            self.0.lock().unwrap_or_else(|e| e.into_inner()).convert(&clean)
        }
    }

    pub fn make() -> Box<dyn super::Converter> {
        let cc = OpenCC::new(DefaultConfig::T2S).expect("system OpenCC t2s config (libopencc)");
        Box::new(System(std::sync::Mutex::new(cc)))
    }
}

/// The process-wide converter, set up on first use.
pub fn converter() -> &'static dyn Converter {
    static CELL: OnceLock<Box<dyn Converter>> = OnceLock::new();
    CELL.get_or_init(backend::make).as_ref()
}
