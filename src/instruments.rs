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

/// `text` from a bundled instrument as it is shown: with soft hyphens
/// (U+00AD) in its long words, or as it is when it has none, or is no
/// instrument text at all. For markup only: never for an attribute that is
/// read out (`aria-label`), a file, a key or a comparison.
pub fn shown(text: &str) -> &str {
    generated::SHOWN
        .binary_search_by(|(written, _)| (*written).cmp(text))
        .map_or(text, |i| generated::SHOWN[i].1)
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

    const SHY: char = '\u{ad}';

    #[test]
    fn long_words_are_shown_with_soft_hyphens_at_their_dutch_syllables() {
        let handreiking = &all()[0];
        assert_eq!(
            shown(&handreiking.def().title),
            "On\u{ad}der\u{ad}steu\u{ad}nings\u{ad}struc\u{ad}tuur op school"
        );
        let coordination = handreiking.item("ondersteuningscoordinatie").unwrap();
        assert_eq!(
            shown(&coordination.title),
            "On\u{ad}der\u{ad}steu\u{ad}nings\u{ad}co\u{ad}ör\u{ad}di\u{ad}na\u{ad}tie \
             en het on\u{ad}der\u{ad}steu\u{ad}nings\u{ad}team"
        );
        assert!(shown(&coordination.intro).starts_with(
            "De on\u{ad}der\u{ad}steu\u{ad}nings\u{ad}co\u{ad}ör\u{ad}di\u{ad}na\u{ad}tor houdt"
        ));
        // Words under ten letters stay whole; other text is shown as it is.
        assert_eq!(shown("Mentoraat"), "Mentoraat");
        assert_eq!(shown("Ondersteuningsstructuur"), "Ondersteuningsstructuur");
    }

    #[test]
    fn what_is_shown_is_the_text_as_written_plus_soft_hyphens() {
        assert!(generated::SHOWN.len() > 50);
        assert!(generated::SHOWN.windows(2).all(|w| w[0].0 < w[1].0));
        for (written, hyphenated) in generated::SHOWN {
            assert!(!written.contains(SHY), "{written}");
            assert_ne!(written, hyphenated);
            assert_eq!(&hyphenated.replace(SHY, ""), written);
            assert_eq!(shown(written), *hyphenated);
            // Never at a word's first or last letter.
            for word in hyphenated.split(|c: char| !c.is_alphabetic() && c != SHY) {
                assert!(!word.starts_with(SHY) && !word.ends_with(SHY), "{word}");
            }
        }
    }

    #[test]
    fn the_bundle_keeps_every_text_as_written_for_exports_keys_and_the_digest() {
        for (bundled, file) in all().iter().zip(files()) {
            // Every export, key and comparison reads the def, never `shown`.
            let json = serde_json::to_string(bundled.def()).unwrap();
            assert!(!json.contains(SHY), "{}", bundled.id());
            assert_eq!(bundled.digest(), file.digest());
        }
        // The digest is over the text as written: the shown one differs.
        let mut def = all()[0].def().clone();
        def.title = shown(&def.title).to_owned().into();
        assert_ne!(digest(&def), all()[0].digest());
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
