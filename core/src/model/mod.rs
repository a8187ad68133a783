//! The records of the desk (RULES.md states the rules they follow). Every
//! type is serde-serialisable with stable snake_case names: JSON is the
//! interchange format.

mod aftersales;
mod calendar;
mod commerce;
mod coupon;
mod crm;
mod directory;
mod hours;
mod leave;
mod message;
mod outbox;
mod rating;
mod sla;
mod stage;
mod team;
mod ticket;

pub use aftersales::{
    FieldServiceProject, FieldServiceTask, Location, LocationKind, Repair, RepairPart, RepairState,
    TaskStage, Transfer, TransferKind, TransferLine, TransferState,
};
pub use calendar::Calendar;
pub use commerce::{
    Invoice, InvoiceKind, InvoiceLine, InvoiceState, Journal, JournalKind, PaymentState, Product,
    SaleOrder, SaleOrderLine, SaleOrderState, Tax, Tracking,
};
pub use coupon::{Coupon, CouponProgram, Reward, RewardConditions, RewardKind, RewardScope};
pub use crm::{ConversionCustomer, Opportunity, SalesTeam};
pub use directory::{Company, HelpdeskRole, MailSettings, Partner, User, UserKind};
pub use hours::{OrderLineRef, ServicePolicy, TimeEntry, Unit, UnitCategory};
pub use leave::Leave;
pub use message::{Message, MessageAttachment, MessageKind, StageChange};
pub use outbox::{MailHeaders, OutboxEvent, OutboxKind, OutboxMessage, OutboxPayload};
pub use rating::{
    rating_label, satisfaction, PublicRating, Rating, TeamSatisfaction, RATING_VALUES,
    SATISFIED_FROM,
};
pub use sla::{SlaPolicy, SlaState, SlaStatus, Within};
pub use stage::{Stage, Tag, TicketType};
pub use team::{
    AssignmentMethod, Team, TeamSettings, TeamSettingsPatch, TeamSettingsReference, Visibility,
};
pub use ticket::{DocumentKind, DocumentRef, Priority, Ticket};
