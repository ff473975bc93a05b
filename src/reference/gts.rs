//! The Global Talent Occupations List (GTS Category B), from `data/gts_occupations.csv` (26 rows, 17 groups).
//!
//! A row is one (occupation group, NOC 2021 unit group) pair: a group can list several NOC codes, and a NOC code
//! can appear in several groups (21211, 21233 and 21234 do). Look codes up with [`gts_by_noc`]; the wage rule the
//! pre-screen applies to a code is [`gts_wage_rule`].

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

const CSV: &str = include_str!("../../data/gts_occupations.csv");

/// The minimum wage of a GTS occupation (docs/domain/pathways.md, 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WageRule {
    /// At least the prevailing wage (the Job Bank median, or more).
    Prevailing,
    /// A fixed hourly floor, or the prevailing wage if that is higher. The hourly figure binds; the annual one is
    /// illustrative only.
    FixedFloor {
        hourly_floor_cents: u32,
        annual_illustrative_cad: u32,
    },
}

impl WageRule {
    /// The fixed hourly floor in CAD (`41.03`), `None` for [`WageRule::Prevailing`].
    pub fn hourly_floor(self) -> Option<f64> {
        match self {
            WageRule::Prevailing => None,
            WageRule::FixedFloor { hourly_floor_cents, .. } => Some(f64::from(hourly_floor_cents) / 100.0),
        }
    }
}

/// One row of the GTS list.
#[derive(Debug, Clone, PartialEq)]
pub struct GtsOccupation {
    /// 1 to 17, the line of the list on the government page.
    pub group_id: u8,
    pub group_title_en: String,
    pub group_title_fr: &'static str,
    /// Five digits.
    pub noc_code: String,
    pub noc_title_en: String,
    pub noc_title_fr: &'static str,
    /// Only part of the NOC unit group is listed (21210 without actuaries; 51120 and 52120 with a 3-year requirement).
    pub is_subset: bool,
    /// What the listed part is, in English, when `is_subset`.
    pub subset_condition: Option<String>,
    pub wage_rule: WageRule,
    pub quebec_note: Option<String>,
    pub list_version: String,
    pub source_url: String,
}

impl GtsOccupation {
    /// The occupation group's title ("Software engineers and designers").
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.group_title_en,
            Lang::Fr => self.group_title_fr,
        }
    }

    /// The NOC 2021 unit group's title.
    pub fn noc_title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.noc_title_en,
            Lang::Fr => self.noc_title_fr,
        }
    }
}

/// One choice of the `noc_2021_code` select: a distinct listed NOC code and its unit group title.
/// The form adds `other` and `unknown` itself.
#[derive(Debug, Clone, PartialEq)]
pub struct NocOption {
    pub code: String,
    pub title_en: String,
    pub title_fr: &'static str,
}

impl NocOption {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Fr => self.title_fr,
        }
    }

    /// `"21231 – Software engineers and designers"`.
    pub fn label(&self, lang: Lang) -> String {
        format!("{} – {}", self.code, self.title(lang))
    }
}

/// Every row, in CSV order.
pub fn gts_occupations() -> &'static [GtsOccupation] {
    static ROWS: OnceLock<Vec<GtsOccupation>> = OnceLock::new();
    ROWS.get_or_init(|| parse(CSV).unwrap_or_else(|e| panic!("data/gts_occupations.csv: {e}")))
}

/// The rows listing this NOC code (empty when the code is not on the list).
pub fn gts_by_noc(code: &str) -> Vec<&'static GtsOccupation> {
    let code = code.trim();
    gts_occupations().iter().filter(|o| o.noc_code == code).collect()
}

/// The distinct listed NOC codes, in ascending order, for the `noc_2021_code` select.
pub fn gts_noc_options() -> &'static [NocOption] {
    static OPTIONS: OnceLock<Vec<NocOption>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options: Vec<NocOption> = Vec::new();
        for o in gts_occupations() {
            if !options.iter().any(|opt| opt.code == o.noc_code) {
                options.push(NocOption {
                    code: o.noc_code.clone(),
                    title_en: o.noc_title_en.clone(),
                    title_fr: o.noc_title_fr,
                });
            }
        }
        options.sort_by(|a, b| a.code.cmp(&b.code));
        options
    })
}

/// `(code, English NOC title)` of each distinct listed code, ascending: the values of the `noc_2021_code` select
/// (see [`gts_noc_options`] for labels in both languages).
pub fn gts_noc_codes() -> &'static [(&'static str, &'static str)] {
    static CODES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CODES.get_or_init(|| {
        gts_noc_options()
            .iter()
            .map(|o| (o.code.as_str(), o.title_en.as_str()))
            .collect()
    })
}

/// The NOC 2021 unit group title of a listed code, `None` when the code is not on the list.
pub fn noc_title(code: &str, lang: Lang) -> Option<&'static str> {
    let code = code.trim();
    gts_noc_options().iter().find(|o| o.code == code).map(|o| o.title(lang))
}

/// The wage rule the pre-screen applies to a listed NOC code, `None` when the code is not listed.
///
/// When a code appears in several groups, the most favourable group decides, because the employer files under
/// whichever listed group the job fits: [`WageRule::Prevailing`] if any of its groups is paid at the prevailing
/// wage, otherwise the fixed floor with the lowest hourly figure. (In the December 2022 list the codes that appear
/// in several groups are all "prevailing" in each, so the choice only matters if the list changes.)
pub fn gts_wage_rule(code: &str) -> Option<WageRule> {
    let rows = gts_by_noc(code);
    if rows.iter().any(|o| o.wage_rule == WageRule::Prevailing) {
        return Some(WageRule::Prevailing);
    }
    rows.iter().map(|o| o.wage_rule).min_by_key(|rule| match rule {
        WageRule::FixedFloor { hourly_floor_cents, .. } => *hourly_floor_cents,
        WageRule::Prevailing => 0,
    })
}

#[derive(Deserialize)]
struct Row {
    occupation_group_id: u8,
    gts_occupation_group: String,
    noc_2021_code: String,
    noc_2021_unit_group_title: String,
    is_subset_of_unit_group: String,
    subset_condition: String,
    wage_floor_hourly_cad: String,
    wage_floor_annual_cad_illustrative: String,
    wage_rule: String,
    quebec_note: String,
    list_version: String,
    source_url: String,
}

fn parse(src: &str) -> Result<Vec<GtsOccupation>, String> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = record.map_err(|e| format!("line {line}: {e}"))?;
        rows.push(typed(row).map_err(|e| format!("line {line}: {e}"))?);
    }
    Ok(rows)
}

fn typed(row: Row) -> Result<GtsOccupation, String> {
    let code = row.noc_2021_code.trim().to_owned();
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("NOC code {code:?} is not 5 digits"));
    }
    let wage_rule = match row.wage_rule.as_str() {
        "prevailing_wage" => WageRule::Prevailing,
        "fixed_floor_or_prevailing_if_higher" => WageRule::FixedFloor {
            hourly_floor_cents: super::parse_cents(&row.wage_floor_hourly_cad)
                .ok_or_else(|| format!("hourly floor {:?}", row.wage_floor_hourly_cad))?,
            annual_illustrative_cad: row
                .wage_floor_annual_cad_illustrative
                .trim()
                .parse()
                .map_err(|_| format!("annual floor {:?}", row.wage_floor_annual_cad_illustrative))?,
        },
        other => return Err(format!("unknown wage rule {other:?}")),
    };
    let is_subset = super::parse_yes_no(&row.is_subset_of_unit_group)?;
    let subset_condition = super::non_empty(row.subset_condition);
    if is_subset != subset_condition.is_some() {
        return Err("a subset needs its condition, and only a subset has one".to_owned());
    }
    Ok(GtsOccupation {
        group_id: row.occupation_group_id,
        group_title_fr: group_title_fr(row.occupation_group_id).unwrap_or(""),
        group_title_en: row.gts_occupation_group,
        noc_title_fr: noc_title_fr(&code).unwrap_or(""),
        noc_code: code,
        noc_title_en: row.noc_2021_unit_group_title,
        is_subset,
        subset_condition,
        wage_rule,
        quebec_note: super::non_empty(row.quebec_note),
        list_version: row.list_version,
        source_url: row.source_url,
    })
}

/// French titles of the 17 occupation groups, as on the French version of the ESDC requirements page.
fn group_title_fr(group_id: u8) -> Option<&'static str> {
    Some(match group_id {
        1 => "Gestionnaires des systèmes informatiques",
        2 => "Ingénieurs civils",
        3 => "Ingénieurs électriciens et électroniciens",
        4 => "Ingénieurs miniers",
        5 => "Ingénieurs en aérospatiale",
        6 => "Ingénieurs informaticiens (sauf ingénieurs et concepteurs en logiciel)",
        7 => "Mathématiciens et statisticiens",
        8 => "Analystes et consultants en informatique",
        9 => "Analystes de bases de données et administrateurs de données",
        10 => "Ingénieurs et concepteurs en logiciel",
        11 => "Programmeurs informatiques et développeurs en médias interactifs",
        12 => "Concepteurs et développeurs Web",
        13 => "Technologues et techniciens en génie électronique et électrique",
        14 => "Techniciens de réseau informatique et Web",
        15 => "Évaluateurs de systèmes informatiques",
        16 => {
            "Producteurs, directeurs techniques, créatifs et artistiques et gestionnaires de projets – effets visuels \
             et jeux vidéo"
        }
        17 => "Concepteurs de médias numériques",
        _ => return None,
    })
}

/// French titles of the NOC 2021 unit groups on the list (CNP 2021 titles, Statistics Canada / ESDC).
fn noc_title_fr(code: &str) -> Option<&'static str> {
    Some(match code {
        "20012" => "Gestionnaires des systèmes informatiques",
        "21210" => "Mathématiciens/mathématiciennes, statisticiens/statisticiennes et actuaires",
        "21211" => "Scientifiques de données",
        "21220" => "Spécialistes de la cybersécurité",
        "21221" => "Spécialistes des systèmes d’entreprise",
        "21222" => "Spécialistes des systèmes d’information",
        "21223" => "Analystes de bases de données et administrateurs/administratrices de données",
        "21230" => "Développeurs/développeuses et programmeurs/programmeuses de systèmes informatiques",
        "21231" => "Ingénieurs/ingénieures et concepteurs/conceptrices en logiciel",
        "21232" => "Développeurs/développeuses et programmeurs/programmeuses de logiciels",
        "21233" => "Concepteurs/conceptrices Web",
        "21234" => "Développeurs/développeuses et programmeurs/programmeuses Web",
        "21300" => "Ingénieurs civils/ingénieures civiles",
        "21310" => "Ingénieurs électriciens et électroniciens/ingénieures électriciennes et électroniciennes",
        "21311" => {
            "Ingénieurs informaticiens/ingénieures informaticiennes (sauf ingénieurs/ingénieures et \
             concepteurs/conceptrices en logiciel)"
        }
        "21330" => "Ingénieurs miniers/ingénieures minières",
        "21390" => "Ingénieurs/ingénieures en aérospatiale",
        "22220" => "Techniciens/techniciennes de réseau informatique et Web",
        "22222" => "Évaluateurs/évaluatrices de systèmes informatiques",
        "22310" => "Technologues et techniciens/techniciennes en génie électronique et électrique",
        "51120" => "Producteurs/productrices, réalisateurs/réalisatrices, chorégraphes et personnel assimilé",
        "52120" => "Designers graphiques et illustrateurs/illustratrices",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_26_rows_parse() {
        let rows = gts_occupations();
        assert_eq!(rows.len(), 26);
        let groups: std::collections::BTreeSet<u8> = rows.iter().map(|o| o.group_id).collect();
        assert_eq!(groups, (1..=17).collect());
        assert_eq!(gts_noc_options().len(), 22);
    }

    #[test]
    fn every_row_has_french_titles() {
        for o in gts_occupations() {
            assert!(
                !o.title(Lang::Fr).is_empty(),
                "group {} has no French title",
                o.group_id
            );
            assert!(
                !o.noc_title(Lang::Fr).is_empty(),
                "NOC {} has no French title",
                o.noc_code
            );
            assert_ne!(o.title(Lang::Fr), o.title(Lang::En), "group {}", o.group_id);
        }
        for opt in gts_noc_options() {
            assert!(!opt.title(Lang::Fr).is_empty(), "{}", opt.code);
        }
    }

    #[test]
    fn fixed_floors_are_exact() {
        let rule = gts_wage_rule("22222").unwrap();
        assert_eq!(
            rule,
            WageRule::FixedFloor {
                hourly_floor_cents: 4103,
                annual_illustrative_cad: 85_000
            }
        );
        assert_eq!(rule.hourly_floor(), Some(41.03));
        assert_eq!(gts_wage_rule("52120").and_then(WageRule::hourly_floor), Some(38.46));
        assert_eq!(gts_wage_rule("21231"), Some(WageRule::Prevailing));
        assert_eq!(gts_wage_rule("99999"), None);
    }

    #[test]
    fn a_code_can_be_in_several_groups() {
        let groups = |code| gts_by_noc(code).iter().map(|o| o.group_id).collect::<Vec<_>>();
        assert_eq!(groups("21211"), [8, 9, 10]);
        assert_eq!(groups("21233"), [8, 12]);
        assert_eq!(groups("21234"), [11, 12]);
        assert!(gts_by_noc("other").is_empty());
    }

    #[test]
    fn subsets_carry_their_condition() {
        let subsets: Vec<&str> = gts_occupations()
            .iter()
            .filter(|o| o.is_subset)
            .map(|o| o.noc_code.as_str())
            .collect();
        assert_eq!(subsets, ["21210", "51120", "52120"]);
    }

    #[test]
    fn select_labels() {
        let first = &gts_noc_options()[0];
        assert_eq!(
            first.label(Lang::En),
            "20012 – Computer and information systems managers"
        );
        assert_eq!(
            first.label(Lang::Fr),
            "20012 – Gestionnaires des systèmes informatiques"
        );
        assert!(gts_noc_options().windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(
            gts_noc_codes()[0],
            ("20012", "Computer and information systems managers")
        );
        assert_eq!(
            noc_title("22222", Lang::Fr),
            Some("Évaluateurs/évaluatrices de systèmes informatiques")
        );
        assert_eq!(noc_title("other", Lang::En), None);
    }

    #[test]
    fn bad_rows_are_rejected() {
        let header = CSV.lines().next().unwrap();
        let bad = format!("{header}\n1,X,2001,X,no,,,,prevailing_wage,,v,u\n");
        assert!(parse(&bad).unwrap_err().contains("5 digits"));
        let bad = format!("{header}\n1,X,20012,X,no,,,,hourly,,v,u\n");
        assert!(parse(&bad).unwrap_err().contains("wage rule"));
    }
}
