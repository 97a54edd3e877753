//! The one way an id enum is declared: each variant with its id, written once. The macro gives
//! the enum its serde form (the id), `ALL` in declaration order (which is display order),
//! `id()`, `from_id()`, `key()` (the variant's name, which the page uses as a constant's name:
//! `Measure.ReoffendingBinaryRate`), `Display`, `FromStr` and comparison with a `&str`.

macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )*
        }

        impl $name {
            /// Every value, in declaration (display) order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The id written in the report and the aggregate file.
            pub const fn id(self) -> &'static str {
                match self { $( $name::$variant => $id, )* }
            }

            /// The value of an id; `None` for an id the catalogue does not know.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $( $id => Some($name::$variant), )* _ => None }
            }

            /// The variant's name (`ReoffendingBinaryRate`): the page's name for the id.
            pub const fn key(self) -> &'static str {
                match self { $( $name::$variant => stringify!($variant), )* }
            }

            /// Position in [`Self::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::catalogue::UnknownId;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                $name::from_id(s).ok_or_else(|| $crate::catalogue::UnknownId {
                    what: stringify!($name),
                    id: s.to_string(),
                })
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.id() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.id() == *other
            }
        }
    };
}

pub(crate) use id_enum;
