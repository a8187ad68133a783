//! Field-service tasks from a ticket (FSM-1). A customer who sees the ticket
//! follows its tasks, with the ticket's visibility rules.

use super::features::Feature;
use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, FieldServiceProjectId, FieldServiceTaskId, TicketId};
use crate::model::{DocumentKind, DocumentRef, FieldServiceProject, FieldServiceTask, TaskStage};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_field_service_project`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewFieldServiceProject {
    /// The company.
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Whether tasks carry worksheets.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub worksheets: bool,
    /// The default worksheet template (projects with worksheets only).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_worksheet_template: Option<String>,
}

/// Input of [`Helpdesk::create_field_service_task`]: `None` takes the default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewFieldServiceTask {
    /// Title (default the ticket's subject).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
    /// Project (default the team's field-service project).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub project: Option<FieldServiceProjectId>,
    /// Worksheet template (default the project's; only with worksheets).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub worksheet_template: Option<String>,
}

impl Helpdesk {
    /// Creates a field-service project (managers).
    pub fn create_field_service_project(
        &self,
        actor: Actor,
        input: NewFieldServiceProject,
    ) -> Result<FieldServiceProject> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a field-service project")?;
            let default_worksheet_template = w.optional_text(
                "default_worksheet_template",
                input.default_worksheet_template.clone(),
            )?;
            if default_worksheet_template.is_some() && !input.worksheets {
                return Err(Error::invalid(
                    "default_worksheet_template",
                    "only a project with worksheets has a worksheet template",
                ));
            }
            let project = FieldServiceProject {
                id: FieldServiceProjectId(w.tx.new_id::<FieldServiceProject>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                worksheets: input.worksheets,
                default_worksheet_template,
            };
            w.tx.put(&project)?;
            Ok(project)
        })
    }

    /// FSM-1: a field-service task from a ticket: title, project, the
    /// customer and their address, a worksheet template only when the
    /// project uses worksheets; kept by the ticket (agents).
    pub fn create_field_service_task(
        &self,
        actor: Actor,
        ticket: TicketId,
        input: NewFieldServiceTask,
    ) -> Result<FieldServiceTask> {
        self.write(actor, |w| {
            let (mut ticket, team) = w.ticket_with(ticket, Feature::FieldService)?;
            let project_id = input
                .project
                .or(team
                    .settings
                    .field_service_project
                    .map(FieldServiceProjectId))
                .ok_or_else(|| {
                    Error::invalid(
                        "project",
                        format!("team {} has no field-service project: name one", team.name),
                    )
                })?;
            let project: FieldServiceProject = load_in(w.tx, project_id, ticket.company)?;
            let worksheet_template = match (
                w.optional_text("worksheet_template", input.worksheet_template.clone())?,
                project.worksheets,
            ) {
                (Some(_), false) => {
                    return Err(Error::invalid(
                        "worksheet_template",
                        format!("project {} does not use worksheets", project.name),
                    ))
                }
                (Some(given), true) => Some(given),
                (None, true) => project.default_worksheet_template.clone(),
                (None, false) => None,
            };
            let title = match input.title.clone() {
                Some(title) => w.required_text("title", &title)?,
                None => ticket.subject.clone(),
            };
            let address = match ticket.customer {
                Some(id) => load::<crate::ids::PartnerId>(w.tx, id)?.address,
                None => None,
            };
            let task = FieldServiceTask {
                id: FieldServiceTaskId(w.tx.new_id::<FieldServiceTask>()?),
                company: ticket.company,
                project: project.id,
                ticket: ticket.id,
                title,
                customer: ticket.customer,
                address,
                worksheet_template,
                stage: TaskStage::New,
            };
            w.tx.put(&task)?;
            ticket.documents.push(DocumentRef {
                kind: DocumentKind::FieldServiceTask,
                id: task.id.0,
            });
            w.note_on_ticket(
                ticket.id,
                format!(
                    "Field-service task {:?} planned in {}",
                    task.title, project.name
                ),
            )?;
            w.tx.put_ticket(&ticket)?;
            Ok(task)
        })
    }

    /// A field-service task, to whoever sees its ticket (FSM-1: customers
    /// on the portal follow it like the ticket).
    pub fn get_field_service_task(
        &self,
        actor: Actor,
        id: FieldServiceTaskId,
    ) -> Result<FieldServiceTask> {
        self.read(actor, |w| {
            let task: FieldServiceTask = load(w.tx, id)?;
            w.require_document_reader(task.company, Some(task.ticket), "field_service_task", id.0)?;
            w.redact_task(task)
        })
    }

    /// The field-service tasks of a ticket, to whoever sees it.
    pub fn ticket_field_service_tasks(
        &self,
        actor: Actor,
        ticket: TicketId,
    ) -> Result<Vec<FieldServiceTask>> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(ticket)?;
            w.documents(&ticket, DocumentKind::FieldServiceTask, FieldServiceTaskId)?
                .into_iter()
                .map(|task| w.redact_task(task))
                .collect()
        })
    }

    /// Moves a task to a stage (agents of its ticket).
    pub fn move_field_service_task(
        &self,
        actor: Actor,
        id: FieldServiceTaskId,
        stage: TaskStage,
    ) -> Result<FieldServiceTask> {
        self.write(actor, |w| {
            let mut task: FieldServiceTask = load(w.tx, id)?;
            w.changeable_ticket(task.ticket)?;
            task.stage = stage;
            w.tx.put(&task)?;
            Ok(task)
        })
    }
}

impl Work<'_> {
    /// VIS-4, VIS-10: a portal user sees a task with the ticket's
    /// redactions: another customer's contact and address are left out.
    fn redact_task(&mut self, mut task: FieldServiceTask) -> Result<FieldServiceTask> {
        if self.is_other_customer(task.customer)? {
            task.customer = None;
            task.address = None;
        }
        Ok(task)
    }
}
