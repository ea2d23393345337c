import GRDB
import VliegwielCore

/// The tables of the portfolio (migration "v2 portfolio"). Every row belongs to a deal,
/// and a deal to an arrangement: deleting the arrangement deletes everything of the deal.
/// Money is INTEGER cents; dates are `JJJJ-MM-DD` text; codes are checked against the
/// vocabularies of the core.
enum PortfolioSchema {
    static func create(_ db: Database) throws {
        func codes<V: Vocabulary>(_ type: V.Type) -> String {
            V.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        }
        func isDate(_ column: String) -> String {
            "(\(column) IS NULL OR \(column) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"
        }
        try db.execute(
            sql: """
                CREATE TABLE portfolio_deal (
                  arrangement_id TEXT PRIMARY KEY NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  tranche INTEGER NOT NULL CHECK (tranche BETWEEN 1 AND 6),
                  rijk_contribution_cents INTEGER CHECK (rijk_contribution_cents IS NULL OR rijk_contribution_cents > 0),
                  source TEXT NOT NULL CHECK (length(source) > 0),
                  closed_on TEXT CHECK \(isDate("closed_on")),
                  is_fictional INTEGER NOT NULL DEFAULT 0 CHECK (is_fictional IN (0, 1))
                );
                CREATE TABLE partner (
                  arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
                  id TEXT NOT NULL CHECK (length(id) > 0),
                  position INTEGER NOT NULL,
                  organisation TEXT NOT NULL CHECK (length(organisation) > 0),
                  type TEXT NOT NULL CHECK (type IN (\(codes(OrganisationType.self)))),
                  joined_on TEXT CHECK \(isDate("joined_on")),
                  left_on TEXT CHECK \(isDate("left_on")),
                  source TEXT,
                  PRIMARY KEY (arrangement_id, id),
                  CHECK (joined_on IS NULL OR left_on IS NULL OR left_on > joined_on)
                );
                CREATE TABLE partner_role (
                  arrangement_id TEXT NOT NULL,
                  partner_id TEXT NOT NULL,
                  position INTEGER NOT NULL,
                  role TEXT NOT NULL CHECK (role IN (\(codes(PartnerRole.self)))),
                  PRIMARY KEY (arrangement_id, partner_id, role),
                  FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id) ON DELETE CASCADE
                );
                CREATE TABLE programme_line (
                  arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
                  id TEXT NOT NULL CHECK (length(id) > 0),
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  description TEXT,
                  PRIMARY KEY (arrangement_id, id)
                );
                CREATE TABLE finance_line (
                  arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
                  id TEXT NOT NULL CHECK (length(id) > 0),
                  position INTEGER NOT NULL,
                  partner_id TEXT NOT NULL,
                  programme_line_id TEXT,
                  year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
                  kind TEXT NOT NULL CHECK (kind IN (\(codes(FinanceKind.self)))),
                  sector TEXT NOT NULL CHECK (sector IN (\(codes(FinanceSector.self)))),
                  form TEXT NOT NULL CHECK (form IN (\(codes(FinanceForm.self)))),
                  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                  paid_on TEXT CHECK \(isDate("paid_on")),
                  description TEXT,
                  source TEXT,
                  PRIMARY KEY (arrangement_id, id),
                  FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id),
                  FOREIGN KEY (arrangement_id, programme_line_id) REFERENCES programme_line(arrangement_id, id)
                );
                CREATE INDEX finance_line_partner ON finance_line(arrangement_id, partner_id);
                CREATE INDEX finance_line_programme_line ON finance_line(arrangement_id, programme_line_id);
                CREATE TABLE project (
                  arrangement_id TEXT NOT NULL REFERENCES portfolio_deal(arrangement_id) ON DELETE CASCADE,
                  id TEXT NOT NULL CHECK (length(id) > 0),
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL CHECK (length(name) > 0),
                  description TEXT,
                  programme_line_id TEXT NOT NULL,
                  lead_partner_id TEXT,
                  budget_cents INTEGER CHECK (budget_cents IS NULL OR budget_cents >= 0),
                  starts_on TEXT CHECK \(isDate("starts_on")),
                  ends_on TEXT CHECK \(isDate("ends_on")),
                  status TEXT NOT NULL CHECK (status IN (\(codes(ProjectStatus.self)))),
                  source TEXT,
                  PRIMARY KEY (arrangement_id, id),
                  CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on),
                  FOREIGN KEY (arrangement_id, programme_line_id) REFERENCES programme_line(arrangement_id, id),
                  FOREIGN KEY (arrangement_id, lead_partner_id) REFERENCES partner(arrangement_id, id)
                );
                CREATE INDEX project_programme_line ON project(arrangement_id, programme_line_id);
                CREATE INDEX project_lead_partner ON project(arrangement_id, lead_partner_id);
                CREATE TABLE project_partner (
                  arrangement_id TEXT NOT NULL,
                  project_id TEXT NOT NULL,
                  partner_id TEXT NOT NULL,
                  position INTEGER NOT NULL,
                  PRIMARY KEY (arrangement_id, project_id, partner_id),
                  FOREIGN KEY (arrangement_id, project_id) REFERENCES project(arrangement_id, id) ON DELETE CASCADE,
                  FOREIGN KEY (arrangement_id, partner_id) REFERENCES partner(arrangement_id, id)
                );
                CREATE INDEX project_partner_partner ON project_partner(arrangement_id, partner_id);
                CREATE TABLE project_theme (
                  arrangement_id TEXT NOT NULL,
                  project_id TEXT NOT NULL,
                  position INTEGER NOT NULL,
                  theme TEXT NOT NULL CHECK (theme IN (\(codes(WellbeingTheme.self)))),
                  PRIMARY KEY (arrangement_id, project_id, theme),
                  FOREIGN KEY (arrangement_id, project_id) REFERENCES project(arrangement_id, id) ON DELETE CASCADE
                );
                -- Which shipped data sets have been seeded: each only once, so that a deal the
                -- user changed or deleted is never overwritten or brought back.
                CREATE TABLE seeded_data (
                  name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
                  seeded_at DATETIME NOT NULL
                );
                """)
    }
}
