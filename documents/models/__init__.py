"""Models of the documents app; each kind of document lives in its own module under documents/kinds/."""
from documents.kinds import load_kinds  # noqa: E402
from documents.workflow.models import RoleApprovalTask  # noqa: E402,F401

from .addresses import FormerAddress  # noqa: F401
from .base import (  # noqa: F401
    REGISTERED_STATES,
    Confidentiality,
    DocumentAttachment,
    DocumentBasis,
    DocumentPage,
    DocumentRecipient,
    DocumentRelation,
    DocumentState,
    LegalStatus,
    RelationType,
    RuleSet,
    SignerAuthority,
    Urgency,
    Visibility,
    document_type_name,
)
from .citations import Citation, CitationPlace  # noqa: F401
from .distribution import Delivery, DeliveryChannel, DeliveryNotice, DeliveryStatus  # noqa: F401
from .imports import ImportBatch, ImportRecord  # noqa: F401
from .issuers import Issuer, IssuerKind, StateNumbering, System, Term  # noqa: F401
from .originals import IssuedOriginal  # noqa: F401
from .recipients import Recipient, RecipientKind, RecipientList, RecipientListEntry  # noqa: F401
from .registers import Register, RegisterEntry  # noqa: F401
from .roles import (  # noqa: F401
    DRAFT_ROLES,
    RESTRICTED_READER_ROLES,
    ROLE_TABLE,
    ROLES,
    IssuerCollection,
    IssuerRole,
    Role,
    RoleDefinition,
)
from .sections import IssuerIndexPage  # noqa: F401

load_kinds()
