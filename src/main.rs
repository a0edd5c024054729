//! The binary that Trunk builds: it only mounts the app.

fn main() {
    zichtbaar::start();
}
