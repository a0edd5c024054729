//! The second bundle, for `/verzamelen` and `/privacy`: the app with the
//! collection view and the privacy page (backup, restore, wiping), which
//! the teacher never waits for before typing.

fn main() {
    zichtbaar::start_with_collection();
}
