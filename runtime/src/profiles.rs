//! Customer profiles loaded from CSV text (the CLI reads the file; the runtime never does).
//!
//! The header names the fields. Standard profile fields (`ProfileId`, `FirstName`,
//! `PhoneNumber`, …) read as `$.Customer.<Field>`; every other column is a custom attribute,
//! readable as `$.Customer.Attributes.<name>` (and, for convenience, `$.Customer.<name>`).

/// A table of customer profiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profiles {
    /// Column names, from the header.
    pub columns: Vec<String>,
    /// One row per profile, as many cells as columns.
    pub rows: Vec<Vec<String>>,
}

/// How a lookup ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly one profile matched: its row.
    Found(usize),
    /// No profile matched.
    NoneFound,
    /// More than one matched.
    MultipleFound,
}

impl Profiles {
    /// Parses CSV text: a header line, then one profile per line. Quoted cells (`"a, b"`,
    /// `""` for a quote) are supported; short rows are padded with empty cells.
    ///
    /// # Errors
    /// When there is no header or a quote is not closed.
    pub fn from_csv(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut records = parse_csv(text)?.into_iter();
        let columns: Vec<String> = records
            .next()
            .ok_or("the CSV has no header line")?
            .into_iter()
            .map(|c| c.trim().to_owned())
            .collect();
        let rows = records
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(|mut r| {
                r.resize(columns.len(), String::new());
                r
            })
            .collect();
        Ok(Self { columns, rows })
    }

    /// The index of a column.
    #[must_use]
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The profiles whose fields equal every `(field, value)` given. An unknown field matches
    /// nothing; no criteria matches nothing.
    pub fn lookup<'a>(&self, criteria: impl IntoIterator<Item = (&'a str, &'a str)>) -> Lookup {
        let mut cols = Vec::new();
        for (field, value) in criteria {
            let Some(c) = self.column(search_key(field)) else {
                return Lookup::NoneFound;
            };
            cols.push((c, value));
        }
        if cols.is_empty() {
            return Lookup::NoneFound;
        }
        let mut found = None;
        for (i, row) in self.rows.iter().enumerate() {
            if cols
                .iter()
                .all(|(c, v)| row.get(*c).is_some_and(|cell| same(cell, v)))
            {
                if found.is_some() {
                    return Lookup::MultipleFound;
                }
                found = Some(i);
            }
        }
        found.map_or(Lookup::NoneFound, Lookup::Found)
    }

    /// A field of a profile: `Attributes.<name>` or `<name>`.
    #[must_use]
    pub fn field(&self, row: usize, path: &str) -> Option<&str> {
        let name = path.strip_prefix("Attributes.").unwrap_or(path);
        let c = self.column(name)?;
        self.rows.get(row)?.get(c).map(String::as_str)
    }
}

/// Request keys as flows write them (`_phone`, `PhoneNumber`, `ProfileId`, …) mapped to columns.
fn search_key(field: &str) -> &str {
    match field {
        "_phone" | "Phone" | "PhoneNumber" => "PhoneNumber",
        "_email" | "Email" | "EmailAddress" => "EmailAddress",
        "_profileId" | "ProfileId" => "ProfileId",
        "_account" | "AccountNumber" => "AccountNumber",
        other => other,
    }
}

/// Phone numbers compare without spaces and dashes.
fn same(cell: &str, value: &str) -> bool {
    if cell == value {
        return true;
    }
    let norm = |s: &str| -> String { s.chars().filter(|c| !matches!(c, ' ' | '-')).collect() };
    !cell.is_empty() && norm(cell) == norm(value)
}

fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push(c);
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' => {}
            '\n' => {
                line += 1;
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(format!("a quote is not closed before line {line}"));
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_csv_and_looks_up_by_phone() {
        let p = Profiles::from_csv(
            "ProfileId,FirstName,PhoneNumber,Ok_to_call,attention_customer\n\
             p1,Hanako,+819012345678,yes,\n\
             p2,\"Taro, Jr.\",+819000000000,no,past trouble\n\
             p3,Dup,+810000,yes,\np4,Dup2,+810000,yes,\n",
        )
        .expect("csv");
        assert_eq!(p.rows.len(), 4);
        assert_eq!(
            p.lookup([("PhoneNumber", "+81 90-1234-5678")]),
            Lookup::Found(0)
        );
        assert_eq!(p.lookup([("_phone", "+819000000000")]), Lookup::Found(1));
        assert_eq!(p.field(1, "FirstName"), Some("Taro, Jr."));
        assert_eq!(
            p.field(1, "Attributes.attention_customer"),
            Some("past trouble")
        );
        assert_eq!(p.lookup([("PhoneNumber", "+1")]), Lookup::NoneFound);
        assert_eq!(
            p.lookup([("PhoneNumber", "+810000")]),
            Lookup::MultipleFound
        );
        assert_eq!(p.lookup([("Nope", "x")]), Lookup::NoneFound);
        assert!(Profiles::from_csv("").is_err());
        assert!(Profiles::from_csv("a,b\n\"x").is_err());
    }
}
