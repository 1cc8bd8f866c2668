//! Lenient JSON shapes for the chat readers. Every field deserializes from any JSON value
//! and remembers what it found, so a value of the wrong type becomes an error in the file's
//! own words (`Invalid chat entry at index 4: author.name must be a string`) instead of
//! serde's (`invalid type: string "x", expected struct …`, which names Rust types).
//!
//! `Leaf` is a scalar, `Node<T>` an object read as `T` (whose fields are lenient too),
//! `List<T>` an array of nodes. Each is `Default` (= absent), so readers derive
//! `Deserialize` with `#[serde(default)]` and never fail on a type; only malformed JSON
//! fails to parse.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// What a JSON value that is not an object or a string is, for messages.
const NUMBER: &str = "a number";
const BOOLEAN: &str = "a boolean";
const ARRAY: &str = "an array";
const OBJECT: &str = "an object";

/// A scalar field.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Leaf {
    /// Absent, or `null`.
    #[default]
    Absent,
    Str(String),
    Num(f64),
    /// Something else (`a boolean`, `an array`, `an object`).
    Other(&'static str),
}

impl Leaf {
    /// The string, or why there is none (`missing <field>`, `<field> must be a string`).
    pub fn string(self, field: &str) -> Result<String, String> {
        match self {
            Leaf::Str(s) => Ok(s),
            Leaf::Absent => Err(format!("missing {field}")),
            _ => Err(format!("{field} must be a string")),
        }
    }

    /// The string if there is one; absent is fine, another type is not.
    pub fn opt_string(self, field: &str) -> Result<Option<String>, String> {
        match self {
            Leaf::Absent => Ok(None),
            other => other.string(field).map(Some),
        }
    }

    /// A number, or a string holding one (some exporters quote big integers).
    pub fn number(&self) -> Option<f64> {
        match self {
            Leaf::Num(n) => Some(*n),
            Leaf::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Leaf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Leaf;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Leaf, E> {
                Ok(Leaf::Str(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Leaf, E> {
                Ok(Leaf::Str(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Leaf, E> {
                Ok(Leaf::Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Leaf, E> {
                Ok(Leaf::Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Leaf, E> {
                Ok(Leaf::Num(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Leaf, E> {
                Ok(Leaf::Other(BOOLEAN))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Leaf, E> {
                Ok(Leaf::Absent)
            }
            fn visit_none<E: de::Error>(self) -> Result<Leaf, E> {
                Ok(Leaf::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Leaf, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Leaf::Other(ARRAY))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Leaf, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Leaf::Other(OBJECT))
            }
        }
        d.deserialize_any(V)
    }
}

/// An object field read as `T`; anything else is remembered, not an error.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Node<T> {
    /// Absent, or `null`.
    #[default]
    Absent,
    Obj(T),
    /// A string where an object may be (some exporters write a plain name).
    Str(String),
    /// Something else (`a number`, `a boolean`, `an array`).
    Other(&'static str),
}

impl<T> Node<T> {
    /// The object, or why there is none (`missing <field>`, `<field> must be an object`).
    pub fn object(self, field: &str) -> Result<T, String> {
        match self {
            Node::Obj(t) => Ok(t),
            Node::Absent => Err(format!("missing {field}")),
            _ => Err(format!("{field} must be an object")),
        }
    }

    /// A whole entry (an array element, a line): the object, or `not an object`.
    pub fn entry(self) -> Result<T, String> {
        self.into_option()
            .ok_or_else(|| "not an object".to_string())
    }

    /// The object if there is one (anything else counts as absent).
    pub fn into_option(self) -> Option<T> {
        match self {
            Node::Obj(t) => Some(t),
            _ => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Node<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Node<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(m)).map(Node::Obj)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node<T>, E> {
                Ok(Node::Str(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node<T>, E> {
                Ok(Node::Str(v))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node<T>, E> {
                Ok(Node::Other(NUMBER))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node<T>, E> {
                Ok(Node::Other(NUMBER))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node<T>, E> {
                Ok(Node::Other(NUMBER))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node<T>, E> {
                Ok(Node::Other(BOOLEAN))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node<T>, E> {
                Ok(Node::Absent)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node<T>, E> {
                Ok(Node::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Node<T>, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Node::Other(ARRAY))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// An array field of nodes; anything else reads as an empty list (kept as `Other`).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum List<T> {
    #[default]
    Absent,
    Items(Vec<Node<T>>),
    Other(&'static str),
}

impl<T> List<T> {
    /// The items (none when absent or not an array).
    pub fn items(self) -> Vec<Node<T>> {
        match self {
            List::Items(v) => v,
            _ => Vec::new(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = s.next_element::<Node<T>>()? {
                    items.push(item);
                }
                Ok(List::Items(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<List<T>, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List::Other(OBJECT))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<List<T>, E> {
                Ok(List::Other("a string"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<List<T>, E> {
                Ok(List::Other(NUMBER))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<List<T>, E> {
                Ok(List::Other(NUMBER))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<List<T>, E> {
                Ok(List::Other(NUMBER))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<List<T>, E> {
                Ok(List::Other(BOOLEAN))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List::Absent)
            }
            fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List::Absent)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Author {
        name: Leaf,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Item {
        author: Node<Author>,
        tags: List<Author>,
        n: Leaf,
    }

    #[test]
    fn any_type_is_remembered_not_an_error() {
        let item: Node<Item> =
            serde_json::from_str(r#"{"author": "jump3N", "tags": 5, "n": [1], "x": {}}"#).unwrap();
        let item = item.object("entry").unwrap();
        assert_eq!(item.author, Node::Str("jump3N".into()));
        assert_eq!(item.tags, List::Other("a number"));
        assert_eq!(item.n.clone().string("n"), Err("n must be a string".into()));
        let item: Item =
            serde_json::from_str(r#"{"author": {"name": 7}, "tags": [{"name": "a"}, 1]}"#).unwrap();
        let author = item.author.object("author").unwrap();
        assert_eq!(
            author.name.string("author.name"),
            Err("author.name must be a string".into())
        );
        assert_eq!(item.tags.items().len(), 2);
        assert_eq!(item.n.string("n"), Err("missing n".into()));
        let not: Node<Item> = serde_json::from_str("[1, 2]").unwrap();
        assert_eq!(
            not.object("entry").err().unwrap(),
            "entry must be an object"
        );
    }
}
