//! A confirmation in a mail body, and exports found in mail that arrived.

use zichtbaar_core::export::{prepare, Export, ShareChoices};
use zichtbaar_core::import::read;
use zichtbaar_core::mail::{
    block, exports_in, mailto, receipt_mail, Addressee, BEGIN, END, MAILTO_LIMIT,
};
use zichtbaar_core::stored::decode;
use zichtbaar_core::{Body, Date, Record};

fn today() -> Date {
    Date::new(2027, 3, 14).unwrap()
}

fn receipt(reactions: &str, wishes: &str) -> Record {
    let mut r: Record = decode(include_str!("data/stored-v1-receipt.json")).unwrap();
    if let Body::Receipt(receipt) = &mut r.body {
        receipt.answers.reactions = reactions.to_owned();
        receipt.answers.wishes = wishes.to_owned();
    }
    r
}

fn export_of(r: &Record) -> Export {
    prepare(r, &ShareChoices::default(), today())
        .unwrap()
        .export
}

/// About `n` characters of varied Dutch text (words picked by a fixed
/// sequence): it compresses as written text does, unlike a repeated phrase.
fn dutch(n: usize) -> String {
    const WORDS: [&str; 48] = [
        "de",
        "het",
        "een",
        "school",
        "mentor",
        "leerling",
        "ondersteuning",
        "we",
        "willen",
        "volgend",
        "jaar",
        "beter",
        "overleg",
        "met",
        "ouders",
        "zorgteam",
        "gesprek",
        "plan",
        "afspraken",
        "duidelijk",
        "sneller",
        "team",
        "collega's",
        "coördinator",
        "klas",
        "les",
        "handreiking",
        "helpt",
        "ons",
        "goed",
        "maar",
        "tijd",
        "weinig",
        "vragen",
        "over",
        "overdracht",
        "basisondersteuning",
        "extra",
        "aanpak",
        "samen",
        "kijken",
        "wat",
        "werkt",
        "niet",
        "nog",
        "graag",
        "bespreken",
        "daarom",
    ];
    let mut out = String::new();
    let mut x: u32 = 12345;
    while out.len() < n {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        out.push_str(WORDS[(x >> 16) as usize % WORDS.len()]);
        out.push(if x.is_multiple_of(11) { '.' } else { ' ' });
        if x.is_multiple_of(11) {
            out.push(' ');
        }
    }
    out
}

const TO: Addressee<'static> = Addressee {
    email: "bevestiging@koersvo.example",
    name: "Koers VO",
};

/// The body as a mail program puts it in the message: CRLF line breaks.
fn body_of(href: &str) -> String {
    let encoded = href.split_once("&body=").unwrap().1;
    let mut bytes = Vec::new();
    let b = encoded.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            bytes.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            bytes.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// The records of every export found, as the collection reads them.
fn records_in(text: &str) -> Vec<zichtbaar_core::export::ExportRecord> {
    exports_in(text)
        .exports
        .iter()
        .flat_map(|json| {
            let (records, problems) = read(json);
            assert!(problems.is_empty(), "{problems:?}");
            records
        })
        .collect()
}

#[test]
fn the_mail_reads_for_a_person_and_carries_the_same_record_as_the_file() {
    let r = receipt("Heldere tekst. Bel gerust.", "Het mentoraat.");
    let export = export_of(&r);
    let mail = receipt_mail(&export, "Ondersteuningsstructuur op school", TO).unwrap();
    assert!(mail
        .href
        .starts_with("mailto:bevestiging@koersvo.example?subject="));
    assert!(mail.href.len() <= MAILTO_LIMIT, "{}", mail.href.len());
    assert!(!mail.texts_in_block_only);
    let body = body_of(&mail.href);
    assert!(body.starts_with("Beste Koers VO,\r\n"), "{body}");
    for part in [
        "'Ondersteuningsstructuur op school' bij ons is aangekomen",
        "Handreiking ontvangen: Ja",
        "Heldere tekst. Bel gerust.",
        "Het mentoraat.",
        BEGIN,
        END,
    ] {
        assert!(body.contains(part), "{part} missing in:\n{body}");
    }
    // Read back, the mail holds exactly the record the file holds.
    let (from_file, _) = read(&zichtbaar_core::export::to_json(&export));
    assert_eq!(records_in(&body), from_file);
    assert_eq!(from_file.len(), 1);
}

#[test]
fn the_greeting_names_the_swv_or_says_samenwerkingsverband() {
    let export = export_of(&receipt("", ""));
    let anonymous = Addressee {
        email: "",
        name: "",
    };
    let mail = receipt_mail(&export, "Titel", anonymous).unwrap();
    assert!(mail.body.starts_with("Beste samenwerkingsverband,\n"));
    assert!(mail.href.starts_with("mailto:?subject="));
}

#[test]
fn long_texts_stand_only_in_the_block_and_very_long_ones_need_a_file() {
    let long = dutch(700);
    let export = export_of(&receipt(&long, ""));
    let mail = receipt_mail(&export, "Titel", TO).unwrap();
    assert!(mail.texts_in_block_only);
    assert!(mail.href.len() <= MAILTO_LIMIT);
    assert!(!body_of(&mail.href).contains(&long[..40]));
    assert!(mail.body.contains(
        "Onze tekst bij 'Wat we van de handreiking vinden' is te lang voor deze e-mail."
    ));
    assert_eq!(records_in(&mail.body).len(), 1);
    // Both texts written: both named, so the wishes do not vanish unsaid.
    let both = receipt_mail(&export_of(&receipt(&long, "Het mentoraat")), "Titel", TO).unwrap();
    assert!(both
        .body
        .contains("'Wat we van de handreiking vinden' en 'Wat we willen bespreken'"));
    let longer = dutch(3000);
    assert_eq!(
        receipt_mail(&export_of(&receipt(&longer, "")), "Titel", TO),
        None
    );
}

#[test]
fn a_block_survives_quoting_wrapping_and_quoted_printable() {
    let export = export_of(&receipt("Reactie", ""));
    let text = block(&export);
    let quoted: String = text.lines().map(|l| format!("> {l}\r\n")).collect();
    let reply = format!("Dank je!\r\n\r\nOp 3 dec. schreef de school:\r\n{quoted}");
    assert_eq!(exports_in(&reply).exports.len(), 1);
    // Quoted-printable ends a long line with "=".
    let soft: String = text
        .lines()
        .map(|l| {
            if l.len() > 40 {
                format!("{}=\n{}\n", &l[..40], &l[40..])
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert_eq!(exports_in(&soft).exports.len(), 1);
}

#[test]
fn many_mails_pasted_at_once_give_each_export_once() {
    let a = block(&export_of(&receipt("A", "")));
    let b = block(&export_of(&receipt("B", "")));
    let pasted = format!("Mail 1\n{a}\n\nMail 2\n{b}\n\nMail 1 nog eens\n{a}");
    let found = exports_in(&pasted);
    assert_eq!(found.exports.len(), 2);
    assert_eq!(found.damaged, 0);
}

#[test]
fn a_block_cut_off_or_changed_counts_as_damaged() {
    let text = block(&export_of(&receipt("Reactie", "")));
    let cut = &text[..text.len() / 2];
    assert_eq!(
        exports_in(cut),
        zichtbaar_core::mail::Found {
            exports: vec![],
            damaged: 1
        }
    );
    let (first, rest) = text.split_once('\n').unwrap();
    let changed = format!("{first}\n%{}", &rest[1..]);
    assert_eq!(exports_in(&changed).damaged, 1);
    // A mail cut short, then a whole one pasted below it (found by trying
    // it as the SWV would: the whole one was lost too): one read, one damaged.
    let other = block(&export_of(&receipt("Andere school", "")));
    let both = format!("Mail 1\n{cut}\n\nMail 2\n{other}");
    let found = exports_in(&both);
    assert_eq!((found.exports.len(), found.damaged), (1, 1));
    assert!(found.exports[0].contains("Andere school"));
}

#[test]
fn an_export_pasted_as_json_among_other_text_is_found() {
    let export = export_of(&receipt("Reactie {met haakjes}", ""));
    let json = zichtbaar_core::export::to_json(&export);
    let mail =
        format!("Beste SWV,\n\nHieronder onze bevestiging.\n\n{json}\nGroet, {{\"format\": kapot");
    assert_eq!(records_in(&mail).len(), 1);
}

/// A message as a mail program saves it: headers, then a multipart body
/// with the text part in quoted-printable and the HTML part in base64.
fn eml(body: &str) -> String {
    use base64::Engine as _;
    let qp: String = body
        .lines()
        .map(|l| {
            let l = l.replace('=', "=3D").replace('\'', "=27");
            if l.len() > 70 {
                format!("{}=\r\n{}\r\n", &l[..70], &l[70..])
            } else {
                format!("{l}\r\n")
            }
        })
        .collect();
    let html = format!(
        "<html><body><p>{}</p></body></html>",
        body.replace('\n', "<br>\n")
    );
    let html64 = base64::engine::general_purpose::STANDARD.encode(html);
    format!(
        "Return-Path: <school@example.org>\r\nFrom: Directeur <school@example.org>\r\nTo: bevestiging@koersvo.example\r\nSubject: Ontvangst handreiking\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"grens\"\r\n\r\n--grens\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n--grens\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{html64}\r\n--grens--\r\n"
    )
}

#[test]
fn a_saved_message_gives_the_same_record_as_the_pasted_body() {
    let export = export_of(&receipt("Reactie met ë en = teken", "Wensen"));
    let mail = receipt_mail(&export, "Titel", TO).unwrap();
    let body = body_of(&mail.href);
    let from_body = records_in(&body);
    let from_eml = records_in(&eml(&body));
    assert_eq!(from_body.len(), 1);
    assert_eq!(from_eml, from_body);
}

#[test]
fn a_saved_message_with_the_file_attached_gives_the_record() {
    use base64::Engine as _;
    let export = export_of(&receipt("Bijlage", ""));
    let json = zichtbaar_core::export::to_json(&export);
    let attached = base64::engine::general_purpose::STANDARD.encode(&json);
    let message = format!(
        "From: school@example.org\r\nSubject: Bevestiging\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nZie de bijlage.\r\n--b1\r\nContent-Type: application/json; name=\"zichtbaar-ontvangst.json\"\r\nContent-Disposition: attachment; filename=\"zichtbaar-ontvangst.json\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{attached}\r\n--b1--\r\n"
    );
    let (from_file, _) = read(&json);
    assert_eq!(records_in(&message), from_file);
}

#[test]
fn text_without_an_export_finds_nothing() {
    for text in [
        "",
        "Beste SWV, de handreiking is binnen.",
        "From: a@b.nl\r\n\r\nGeen bevestiging",
        "{\"format\": \"iets anders\"}",
    ] {
        let found = exports_in(text);
        assert!(found.exports.iter().all(|j| read(j).0.is_empty()), "{text}");
        assert_eq!(found.damaged, 0, "{text}");
    }
}

#[test]
fn mailto_is_the_one_encoder() {
    assert!(mailto("a@b.nl", "x y", "z").contains("x%20y"));
}

/// A mail as this version writes it, frozen: every later version reads it
/// as the same record as the file beside it.
#[test]
fn the_frozen_mail_of_version_1_still_reads() {
    let mail = include_str!("data/mail-v1-receipt.txt");
    let (file, problems) = read(include_str!("data/mail-v1-receipt.json"));
    assert!(problems.is_empty());
    assert_eq!(records_in(mail), file);
}

/// What fits in a mail link, in figures for the closing note: the link of
/// a receipt without a reaction, and the longest reaction (varied Dutch
/// text) that still stands readable in the mail, and that still fits at
/// all. Run with `--nocapture` to see them.
#[test]
fn how_much_reaction_fits_in_a_mail_link() {
    let href_of = |n: usize| receipt_mail(&export_of(&receipt(&dutch(n), "")), "Titel", TO);
    let empty = href_of(0).expect("a receipt without a reaction always fits");
    assert!(!empty.texts_in_block_only);
    let mut readable = 0;
    let mut carried = 0;
    for n in (0..4000).step_by(10) {
        match href_of(n) {
            Some(m) if !m.texts_in_block_only => readable = n,
            Some(_) => carried = n,
            None => {}
        }
    }
    println!(
        "mailto: no reaction {} characters (block {}); reaction readable up to about {readable} characters; carried in the block only up to about {carried}; longer: the file",
        empty.href.len(),
        block(&export_of(&receipt("", ""))).len()
    );
    // A reaction of a few sentences stays readable; a long one still goes
    // by mail; the limit is kept everywhere.
    assert!(readable >= 300, "{readable}");
    assert!(carried > readable, "{carried} <= {readable}");
    assert!(empty.href.len() < MAILTO_LIMIT);
}
