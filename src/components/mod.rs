//! Components used by more than one page.

pub mod save_status;
