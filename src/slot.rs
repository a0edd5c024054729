//! One place in the page where one thing at a time is mounted, under a
//! reactive owner of its own.
//!
//! The shell mounts the current page this way, `/reflectie` the editor for
//! the chosen record, `/ontvangst` the receipt form. Mounting again first
//! cleans up what was there, which runs its clean-ups (writing pending
//! answers, removing its listeners).
//!
//! The owners hang off the owner that made the slot, not off the effect
//! that mounts: an effect cleans up its children every time it runs again.

use leptos::prelude::*;
use leptos::reactive::owner::Owner;

#[derive(Clone, Copy)]
pub struct Slot {
    /// The owner to hang mounts off, and the owner of what is mounted now.
    owners: StoredValue<(Owner, Option<Owner>), LocalStorage>,
}

impl Slot {
    /// A slot under the current owner; what it holds is cleaned up with it.
    pub fn new() -> Slot {
        let parent = Owner::current().unwrap_or_default();
        let slot = Slot {
            owners: StoredValue::new_local((parent, None)),
        };
        on_cleanup(move || slot.clear());
        slot
    }

    /// Cleans up what is mounted, if anything.
    pub fn clear(&self) {
        if let Some(owner) = self
            .owners
            .try_update_value(|(_, now)| now.take())
            .flatten()
        {
            owner.cleanup();
        }
    }

    /// Cleans up what is mounted, then runs `mount` (untracked) under a new
    /// owner, which the slot keeps until the next mount.
    pub fn mount(&self, mount: impl FnOnce()) {
        self.clear();
        let Some(parent) = self.owners.try_with_value(|(parent, _)| parent.clone()) else {
            return;
        };
        let owner = parent.with(Owner::new);
        owner.with(|| untrack(mount));
        self.owners.update_value(|(_, now)| *now = Some(owner));
    }
}
