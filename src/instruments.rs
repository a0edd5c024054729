//! The instruments bundled into the app at build time (see `build.rs`).

use std::borrow::Cow;
use std::sync::OnceLock;

use zichtbaar_core::instrument::{
    DetailDef, Instrument, InstrumentDef, ItemDef, OptionDef, QuestionDef, ReceiptDef, ScaleDef,
    SectionDef,
};

mod generated {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/instruments.rs"));
}

/// Every bundled instrument, in file-name order. The first is the default.
pub fn all() -> &'static [Instrument] {
    static ALL: OnceLock<Vec<Instrument>> = OnceLock::new();
    ALL.get_or_init(|| {
        generated::BUNDLE
            .iter()
            .map(|(digest, def)| Instrument::from_build(def, digest))
            .collect()
    })
}

/// The instrument with this id.
pub fn by_id(id: &str) -> Option<&'static Instrument> {
    all().iter().find(|i| i.id() == id)
}

/// The instrument `/reflectie` opens when no other is asked for.
pub fn default() -> Option<&'static Instrument> {
    all().first()
}

// Native only: these read the instrument files.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use zichtbaar_core::instrument::{digest, validate};

    fn files() -> Vec<Instrument> {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/instruments"));
        zichtbaar_core::instrument::read_dir(dir)
            .unwrap()
            .into_iter()
            .map(|(_, read)| read.unwrap())
            .collect()
    }

    #[test]
    fn bundle_holds_both_shipped_instruments_handreiking_first() {
        let ids: Vec<&str> = all().iter().map(|i| i.id()).collect();
        assert_eq!(ids, ["ondersteuningsstructuur", "routekaart-inclusief"]);
        assert_eq!(default().map(|i| i.id()), Some("ondersteuningsstructuur"));
    }

    #[test]
    fn bundle_is_exactly_the_files_validated_and_digested() {
        let files = files();
        assert_eq!(all().len(), files.len());
        for (bundled, file) in all().iter().zip(&files) {
            assert_eq!(bundled.def(), file.def(), "{}", file.id());
            assert!(validate(bundled.def()).is_empty(), "{}", file.id());
            assert_eq!(bundled.digest(), digest(bundled.def()), "{}", file.id());
            assert_eq!(bundled.digest(), file.digest(), "{}", file.id());
        }
    }
}
