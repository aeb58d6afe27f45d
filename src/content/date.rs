//! Dates as the clinic writes them in front matter and data files (`YYYY-MM-DD`), read
//! with plain-words errors (used by `front_matter` and `trust`).

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads a `YYYY-MM-DD` date, or says in plain words what is wrong with it: (the rest of
/// a sentence starting "`reviewed` ...", a hint).
pub(crate) fn parse_date(s: &str) -> Result<jiff::civil::Date, (String, String)> {
    let s = s.trim();
    let example =
        "write the date as year-month-day with hyphens, e.g. `2026-03-31` for 31 March 2026";
    let parts: Vec<&str> = s.split('-').collect();
    let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 4
        && (1..=2).contains(&parts[1].len())
        && (1..=2).contains(&parts[2].len())
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let (Some(n), true) = (numbers, shaped) else {
        // `15/01/2026` or `15.01.2026`: day, month, year; say what it would be.
        let dmy: Vec<&str> = s.split(['/', '.']).collect();
        let hint = match dmy.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                format!("{example}; if you meant day/month/year, write `{y}-{m:0>2}-{d:0>2}`")
            }
            _ => example.to_string(),
        };
        return Err((
            format!("is `{s}`, which is not written as year-month-day"),
            hint,
        ));
    };
    let (y, m, d) = (n[0], n[1], n[2]);
    if !(1..=12).contains(&m) {
        return Err((
            format!("is `{s}`, but there is no month {m}: months go from 01 to 12"),
            example.into(),
        ));
    }
    match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
        Ok(date) => Ok(date),
        Err(_) => {
            let month = MONTHS[(m - 1) as usize];
            let days = jiff::civil::Date::new(y as i16, m as i8, 1)
                .map(|f| f.days_in_month())
                .unwrap_or(31);
            Err((
                format!(
                    "is `{s}`, but {d} {month} {y} does not exist ({month} {y} has {days} days)"
                ),
                format!("check the day: {example}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_explained_in_plain_words() {
        assert!(parse_date("2024-02-29").is_ok());
        let (m, _) = parse_date("2025-02-31").unwrap_err();
        assert_eq!(
            m,
            "is `2025-02-31`, but 31 February 2025 does not exist (February 2025 has 28 days)"
        );
        let (m, h) = parse_date("15/01/2026").unwrap_err();
        assert!(m.contains("not written as year-month-day"), "{m}");
        assert!(h.contains("`2026-01-15`"), "{h}");
        assert!(
            parse_date("2025-13-01")
                .unwrap_err()
                .0
                .contains("no month 13")
        );
    }
}
