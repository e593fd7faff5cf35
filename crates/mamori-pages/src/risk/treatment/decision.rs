//! A treatment decision as typed, kept as text so a rejected form comes back unchanged. Its
//! checks are the treatment parser's in `mamori_app::risk::treatments`, shared with the API.

use mamori_app::risk::treatments::TreatmentFields;
use mamori_storage::RiskTreatment;

/// One decision as typed. Every value is kept as text so a rejected form comes back unchanged.
#[derive(Debug, Clone, Default)]
pub struct TreatmentForm {
    pub option: String,
    pub planned: String,
    pub owner: String,
    pub due_date: String,
    pub residual_risk: String,
    pub approved_by: String,
    pub approved_on: String,
}

impl TreatmentForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> TreatmentForm {
        let mut f = TreatmentForm::default();
        for (k, v) in pairs {
            let v = v.clone();
            match k.as_str() {
                "option" => f.option = v,
                "planned" => f.planned = v,
                "owner" => f.owner = v,
                "due_date" => f.due_date = v,
                "residual_risk" => f.residual_risk = v,
                "approved_by" => f.approved_by = v,
                "approved_on" => f.approved_on = v,
                _ => {}
            }
        }
        f
    }

    pub fn of(t: &RiskTreatment) -> TreatmentForm {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        TreatmentForm {
            option: t.option.as_str().to_owned(),
            planned: o(&t.planned),
            owner: o(&t.owner),
            due_date: o(&t.due_date),
            residual_risk: t.residual_risk.map(|r| r.to_string()).unwrap_or_default(),
            approved_by: o(&t.approved_by),
            approved_on: o(&t.approved_on),
        }
    }

    /// The fields for the one treatment parser (`mamori_app::risk::treatments`). The form has no
    /// checkbox for the action list: planned measures always go there.
    pub fn fields(&self) -> TreatmentFields {
        let t = |v: &str| Some(v.to_owned());
        TreatmentFields {
            option: t(&self.option),
            planned: t(&self.planned),
            owner: t(&self.owner),
            due_date: t(&self.due_date),
            residual_risk: t(&self.residual_risk),
            approved_by: t(&self.approved_by),
            approved_on: t(&self.approved_on),
            to_action: !self.planned.trim().is_empty(),
        }
    }
}
