//! Components used by more than one page.

pub mod save_status;
pub mod share_markup;
pub mod share_panel;
