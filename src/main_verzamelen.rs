//! The bundle for `/verzamelen`: the app with the collection view.

fn main() {
    zichtbaar::start_with_collection();
}
