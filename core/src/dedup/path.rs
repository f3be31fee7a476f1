//! Lazily built `$`-rooted paths: a chain of stack frames that is turned
//! into a string (`$.a[2].b`) only when an error is reported, so walking a
//! large document allocates nothing for paths.

use crate::error::{field_path, index_path};

/// One step from the root to the value being visited.
pub(super) struct Frame<'p> {
    parent: Option<&'p Frame<'p>>,
    step: Step<'p>,
}

enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Frame<'p> {
    /// The root, `$`.
    pub(super) const ROOT: Frame<'static> = Frame {
        parent: None,
        step: Step::Root,
    };

    /// The member `key` of the object at `self`.
    pub(super) fn key(&'p self, key: &'p str) -> Frame<'p> {
        Frame {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// Element `index` of the array at `self`.
    pub(super) fn index(&'p self, index: usize) -> Frame<'p> {
        Frame {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The path as a string, e.g. `$.images[2].view`.
    pub(super) fn path(&self) -> String {
        let parent = self.parent.map_or_else(|| "$".to_owned(), Frame::path);
        match self.step {
            Step::Root => parent,
            Step::Key(key) => field_path(&parent, key),
            Step::Index(index) => index_path(&parent, index),
        }
    }
}
