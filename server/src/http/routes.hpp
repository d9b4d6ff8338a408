#pragma once
// Route registration, one function per area (one file each).
#include "app.hpp"
#include "http/router.hpp"

namespace yilu::server::http {

/// health, openapi.json, versions, catalog, calendar, core.
void register_public_routes(Router& r, App& app);
/// SMS sign-in, logout, staff login.
void register_auth_routes(Router& r, App& app);
/// me, profile, licences, my applications.
void register_resident_routes(Router& r, App& app);
/// multipart uploads and downloads.
void register_upload_routes(Router& r, App& app);
/// submit, detail, resubmit, rating, withdraw.
void register_application_routes(Router& r, App& app);
/// any staff member: me, one application in full.
void register_staff_routes(Router& r, App& app);
/// the window: queue, accept, 补正, refuse, dispatch, issue.
void register_clerk_routes(Router& r, App& app);
/// the departments: tasks and their decisions.
void register_reviewer_routes(Router& r, App& app);
/// supervision: the overview.
void register_supervisor_routes(Router& r, App& app);
/// supervision: time per stage of issued applications and the reductions of bundles.
void register_stage_figure_routes(Router& r, App& app);
/// the resident's inbox: notifications, unread count, mark read.
void register_inbox_routes(Router& r, App& app);
/// 帮办: a clerk files an application for a walk-in resident.
void register_assisted_routes(Router& r, App& app);
/// staff accounts.
void register_admin_routes(Router& r, App& app);
/// The holiday calendar an administrator maintains, and the due dates a publication moved.
void register_calendar_routes(Router& r, App& app);
/// The admin's import of a standard item list (the same import as `yilu catalog import`).
void register_catalog_import_routes(Router& r, App& app);
/// Catalog versions: the list, publishing one, restoring an earlier one.
void register_catalog_version_routes(Router& r, App& app);

}  // namespace yilu::server::http
