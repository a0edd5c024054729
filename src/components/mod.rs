//! Components used by more than one page.

pub mod elsewhere;
pub mod save_status;
pub mod share_markup;
pub mod share_panel;
