<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <location filename="../../ui/team_watch.py" line="242"/>
        <source>Someone else changed this deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="243"/>
        <source>“%s” was changed by someone else after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="247"/>
        <source>Save mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="248"/>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_lists.py" line="35"/>
        <source>New deals (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_lists.py" line="39"/>
        <source>… and %s more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_lists.py" line="50"/>
        <source>Nothing to import: the %s deals in %s are already in the pipeline, exactly as they are in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_lists.py" line="52"/>
        <source>Nothing to import: %s holds no deals on sheet “%s”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_summary.py" line="51"/>
        <source>%s deals shown · %s open · %s weighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_summary.py" line="54"/>
        <source> (filtered from %s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_summary.py" line="62"/>
        <source>%s open deals · %s open · %s weighted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about.py" line="22"/>
        <source>About %s</source>
        <translation>Über %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="26"/>
        <source>Application icon</source>
        <translation>Programmsymbol</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="37"/>
        <source>Keep your sales pipeline, see where it is healthy or stuck, and round-trip it through Excel. Works offline; your data stays on this computer.</source>
        <translation>Führen Sie Ihre Vertriebspipeline, sehen Sie, wo sie gesund ist oder stockt, und tauschen Sie sie mit Excel aus. Arbeitet offline; Ihre Daten bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="40"/>
        <source>Data folder: %s</source>
        <translation>Datenordner: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="41"/>
        <source>Backups: %s</source>
        <translation>Sicherungen: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="42"/>
        <source>Logs: %s</source>
        <translation>Protokolle: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="46"/>
        <source>Licensed under the MIT licence.</source>
        <translation>Lizenziert unter der MIT-Lizenz.</translation>
    </message>
</context>
<context>
    <name>ActivitiesSection</name>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="38"/>
        <location filename="../../ui/deal_panel/activities.py" line="42"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="43"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="43"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="47"/>
        <source>Log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="48"/>
        <location filename="../../ui/deal_panel/activities.py" line="95"/>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="49"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="74"/>
        <source>due %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="82"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="95"/>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/activities.py" line="103"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../ui/activity_actions.py" line="48"/>
        <source>Log activity — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="53"/>
        <source>e.g. Follow-up call about the proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="54"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="58"/>
        <source>Already done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="67"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="68"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="69"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="71"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../../ui/tabs/board.py" line="119"/>
        <source>Loading the board…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="170"/>
        <source>%s open deals · %s · drag a card to move it; double-click to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="248"/>
        <source>Cannot move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="268"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <location filename="../../ui/tabs/board_column.py" line="43"/>
        <source>Deals in this stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../ui/charts.py" line="134"/>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="176"/>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="178"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="180"/>
        <source>Save chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="181"/>
        <source>Could not write %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CriteriaSection</name>
    <message>
        <location filename="../../ui/deal_panel/criteria.py" line="19"/>
        <source>Exit criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/criteria.py" line="35"/>
        <source>Exit criteria — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/criteria.py" line="37"/>
        <source>None for this stage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/crm_export.py" line="24"/>
        <source>Export for a CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crm_export.py" line="29"/>
        <source>Only deals made or changed here since they came from that CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crm_export.py" line="32"/>
        <source>Deals that came from the CRM are updated there; deals made here are created. Stages go out under the CRM&apos;s own names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crm_export.py" line="38"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/crm_export.py" line="43"/>
        <source>CRM:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurrenciesDialog</name>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="57"/>
        <source>Currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="60"/>
        <source>Set &amp;home currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="80"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="81"/>
        <source>&amp;Change selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="82"/>
        <source>&amp;Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="83"/>
        <source>&amp;Load rates from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="106"/>
        <source>Home currency (every figure is in it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="110"/>
        <location filename="../../ui/dialogs/currencies.py" line="134"/>
        <location filename="../../ui/dialogs/currencies.py" line="163"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="111"/>
        <source>In force from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="132"/>
        <location filename="../../ui/dialogs/currencies.py" line="134"/>
        <source>Rate (%s for 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="134"/>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="165"/>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="185"/>
        <source>1 rate dated before %s&apos;s first rate could not be re-expressed in %s and was removed (Edit › Undo brings it back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="188"/>
        <source>%d rates dated before %s&apos;s first rate could not be re-expressed in %s and were removed (Edit › Undo brings them back).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="32"/>
        <source>New deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="35"/>
        <source>e.g. Annual licence — Acme Ltd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="39"/>
        <source>e.g. 12,500</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="45"/>
        <source>Expected close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="68"/>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="68"/>
        <source>&amp;Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="69"/>
        <source>C&amp;ontact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="69"/>
        <source>&amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="70"/>
        <source>&amp;Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="70"/>
        <source>O&amp;wner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="71"/>
        <source>&amp;Lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="78"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealFilterBar</name>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="36"/>
        <source>Search title, company, contact, owner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="38"/>
        <source>Search deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="40"/>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="41"/>
        <source>All owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="42"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="43"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="43"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="43"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="44"/>
        <source>Any qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="45"/>
        <source>Qualified (4/4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="45"/>
        <source>Partly qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="46"/>
        <source>Not qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="47"/>
        <source>Any fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="48"/>
        <source>Good fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="48"/>
        <source>Poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="52"/>
        <source>Show every deal again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="53"/>
        <source>Deals chosen by another tab: remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="56"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="60"/>
        <source>New deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="137"/>
        <source>Chosen deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="138"/>
        <source>1 deal</source>
        <translation type="unfinished">1 Geschäft</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="138"/>
        <source>%s deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_filters.py" line="140"/>
        <source>Filter %s: remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealPanel</name>
    <message>
        <location filename="../../ui/deal_panel/panel.py" line="58"/>
        <source>Select a deal to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/panel.py" line="94"/>
        <source>No deal selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <location filename="../../ui/models/deal_table.py" line="293"/>
        <source>No next activity planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/models/deal_table.py" line="301"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/models/deal_table.py" line="303"/>
        <source>no rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealsTab</name>
    <message>
        <location filename="../../ui/tabs/deals.py" line="109"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="242"/>
        <source>Could not load the deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="291"/>
        <source>Loading deals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="290"/>
        <source>Loading %s deals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="383"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../ui/tabs/board_drop.py" line="72"/>
        <source>%s

drop a card here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldsSection</name>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="43"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="48"/>
        <location filename="../../ui/deal_panel/fields.py" line="50"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="63"/>
        <source>Lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="67"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="95"/>
        <source>%d (stage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="118"/>
        <source>Created %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="120"/>
        <source>closed %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="122"/>
        <source>lost: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fields.py" line="165"/>
        <source>Cannot move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <location filename="../../ui/tabs/health.py" line="79"/>
        <source>Show 1 deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="79"/>
        <source>Show %s deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="89"/>
        <source>Health · %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitSection</name>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="18"/>
        <source>Ideal customer fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="35"/>
        <source>Nothing known about the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="37"/>
        <source>No ideal customer profile set (Pipeline menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="41"/>
        <source>Fit unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="43"/>
        <source>good fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="43"/>
        <source>poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/fit.py" line="44"/>
        <source>%d / 100 — %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitTable</name>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="61"/>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="61"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="61"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="62"/>
        <source>Win rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="62"/>
        <source>Average deal size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="63"/>
        <source>Figures by ideal-customer fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="68"/>
        <source>Good fit (%d or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="69"/>
        <source>Poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="81"/>
        <source>Set an ideal customer profile (Pipeline › Ideal customer…) to compare.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../../ui/tabs/metric_charts.py" line="47"/>
        <source>won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_charts.py" line="48"/>
        <source>weighted forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_charts.py" line="53"/>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_charts.py" line="58"/>
        <source>value (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_charts.py" line="75"/>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunnelTab</name>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="51"/>
        <source>Bar width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="52"/>
        <source>Bar width: number of deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="53"/>
        <source>Bar width: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="55"/>
        <source>Open pipeline by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="72"/>
        <source>Click a stage to see its deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="115"/>
        <source>%s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="124"/>
        <source>deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="125"/>
        <source>value (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="126"/>
        <source>Open pipeline by stage — bar width: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="131"/>
        <source>won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="131"/>
        <source>move on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupTable</name>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="36"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="36"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="36"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="37"/>
        <source>Win rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="37"/>
        <source>Won value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="38"/>
        <source>Figures by %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <location filename="../../ui/tabs/health.py" line="135"/>
        <source>health score out of 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="148"/>
        <source>Targets and thresholds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="151"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="168"/>
        <source>&lt;b&gt;Deals to act on&lt;/b&gt; — named by the most findings, then by weighted value; double-click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="171"/>
        <source>Deals to act on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="174"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="174"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="174"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="174"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="174"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="212"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="233"/>
        <source>The check failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="265"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="273"/>
        <source>No revenue target covers today. Set one to see attainment, the gap and coverage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="277"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="277"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="277"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="277"/>
        <source>Gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="278"/>
        <source>Coverage (healthy %s×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="288"/>
        <source>target met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="291"/>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="305"/>
        <source>Nothing to worry about.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <location filename="../../ui/deal_panel/history.py" line="16"/>
        <location filename="../../ui/deal_panel/history.py" line="19"/>
        <source>Stage history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/history.py" line="20"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/history.py" line="20"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/history.py" line="30"/>
        <source>(deleted stage)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IcpDialog</name>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="102"/>
        <source>Ideal customer profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="107"/>
        <source>Industries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="109"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="111"/>
        <source>Job titles (a title containing one fits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="116"/>
        <source>A deal&apos;s fit is the weighted share of these criteria its company and contact meet, 0–100. Criteria left empty do not count. %d or more is a good fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="136"/>
        <source>Company size (employees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="137"/>
        <source>At least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="138"/>
        <source>At most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="157"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="76"/>
        <source>Import %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="83"/>
        <source>&lt; Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="84"/>
        <source>Preview &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="86"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="88"/>
        <location filename="../../ui/dialogs/import_wizard.py" line="338"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="124"/>
        <source>Choose what each column holds. Columns kept as custom fields are stored with each deal, so nothing is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="131"/>
        <source>Decide from the column (or month first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="132"/>
        <source>Month first: 03/04 is March 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="133"/>
        <source>Day first: 03/04 is 3 April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="137"/>
        <source>Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="140"/>
        <source>Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="141"/>
        <source>Dates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="142"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="149"/>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="150"/>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="150"/>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="174"/>
        <source>(no header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="188"/>
        <source>(choose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="217"/>
        <source>Save mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="217"/>
        <source>Preset name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="237"/>
        <source>Deal / field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="237"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="238"/>
        <source>After import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="246"/>
        <source>Keep the app&apos;s version of deals edited since the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="248"/>
        <source>Take the file&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="266"/>
        <source>New deals, and changes to deals already in the pipeline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="338"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="377"/>
        <source>Update those deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="379"/>
        <source>Add them as new anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="400"/>
        <source>%d new rows look like deals already in the pipeline (same title and company, or a matching ID; row %d looks like deal #%d: %s). Update those deals, add them as new anyway, or Cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="270"/>
        <source>Problems (fix them in the file, or map the column differently):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="280"/>
        <source>Update preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="284"/>
        <source>Stages this pipeline does not have: map each onto a stage, or create it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="306"/>
        <source>Deals: %s, %d rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="310"/>
        <source>New stages: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="311"/>
        <source>Note: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="313"/>
        <source>%d deals were edited in the app after this file was exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="323"/>
        <source>— edited in the app since the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="330"/>
        <source>… and %d more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListsDialog</name>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="33"/>
        <source>Lost reasons and lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="37"/>
        <source>Lost reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="38"/>
        <source>Lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="46"/>
        <source>One a line. Deals keep the names they already have.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>New pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Open pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="68"/>
        <location filename="../../ui/menus.py" line="16"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="70"/>
        <source>&amp;New pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="72"/>
        <source>&amp;Open pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="74"/>
        <source>Open &amp;team pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="78"/>
        <source>Save a &amp;copy as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="80"/>
        <source>Restore &amp;backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="83"/>
        <source>Copy to team &amp;server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="87"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="89"/>
        <source>&amp;Export to Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="91"/>
        <source>Export for a CR&amp;M…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="93"/>
        <source>Export &amp;report (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="97"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="99"/>
        <location filename="../../ui/menus.py" line="16"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="100"/>
        <source>&amp;New deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="102"/>
        <source>&amp;Edit deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="104"/>
        <source>&amp;Delete deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="106"/>
        <source>Log &amp;activity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="110"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="113"/>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="117"/>
        <location filename="../../ui/menus.py" line="17"/>
        <source>&amp;Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="118"/>
        <source>&amp;Stages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="120"/>
        <source>&amp;Ideal customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="122"/>
        <source>&amp;Lost reasons and lead sources…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="124"/>
        <source>Revenue &amp;targets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="126"/>
        <source>&amp;Currencies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="130"/>
        <location filename="../../ui/menus.py" line="17"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="131"/>
        <source>&amp;Today…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="135"/>
        <location filename="../../ui/menus.py" line="18"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/furnish.py" line="136"/>
        <source>&amp;About Pipeline Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="24"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="25"/>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="26"/>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="27"/>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="28"/>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsTab</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="61"/>
        <source>Forecast: weighted open value and value won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="62"/>
        <source>Win rate by month (closed deals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="64"/>
        <source>Lost deals by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="65"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="66"/>
        <source>Lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="91"/>
        <source>By owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="92"/>
        <source>By lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="93"/>
        <source>Lost reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="99"/>
        <source>Stale deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="101"/>
        <source>Ideal-customer fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="145"/>
        <source>vs previous %s days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="146"/>
        <source>open pipeline, today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="154"/>
        <source>%s days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="159"/>
        <source>%s open deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="162"/>
        <source>%s / day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="165"/>
        <source>no activity or move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="168"/>
        <source>all time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="175"/>
        <source>no target set (Pipeline › Revenue targets…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="179"/>
        <source>target met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="181"/>
        <source>gap %s · coverage %.1f× (healthy ≥ %.0f×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="198"/>
        <source>won ÷ closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="215"/>
        <source>lost deals in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="223"/>
        <source>%s stale deals; the %s idle longest are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="226"/>
        <source>%s stale deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="227"/>
        <source>Double-click a deal to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoDataNotice</name>
    <message>
        <location filename="../../ui/period_bar.py" line="195"/>
        <source>Show the period with closed deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="212"/>
        <source>No deals closed %s; the latest closed on %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="214"/>
        <source>Show %s – %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <location filename="../../ui/period_bar.py" line="78"/>
        <source>Closed in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="81"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="86"/>
        <source>Period starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="87"/>
        <source>Period ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="93"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/period_bar.py" line="133"/>
        <source>from %s to %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineController</name>
    <message>
        <location filename="../../ui/controller.py" line="85"/>
        <source>The pipeline could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/controller.py" line="121"/>
        <source>The pipeline file is still being checked, so nothing was changed. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/controller.py" line="156"/>
        <source>Undoing or redoing %s…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="47"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="57"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="59"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="59"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="60"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="63"/>
        <source>&amp;Currency of new deals</source>
        <translation>&amp;Währung neuer Geschäfte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="64"/>
        <source>&amp;Date format</source>
        <translation>&amp;Datumsformat</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="65"/>
        <source>Deals are &amp;stale after</source>
        <translation>Geschäfte &amp;veralten nach</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="66"/>
        <source>&amp;Theme</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="72"/>
        <source>Stages can set their own stale time in Pipeline › Stages…; this is the default for new stages and the health check.</source>
        <translation>Phasen können unter Pipeline › Phasen… eine eigene Frist haben; dies ist der Standard für neue Phasen und die Zustandsprüfung.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="89"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="90"/>
        <source>Health check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualificationSection</name>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="22"/>
        <source>Qualification (BANT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="27"/>
        <source>Budget confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="28"/>
        <source>Decision maker known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="30"/>
        <source>Who decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="31"/>
        <source>What problem they need solved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="32"/>
        <source>Target date, YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="34"/>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="36"/>
        <source>Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="38"/>
        <source>Need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="39"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel/qualification.py" line="58"/>
        <source>Qualification (BANT) — %d/%d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup_actions.py" line="39"/>
        <source>opened that day</source>
        <translation>beim Öffnen an dem Tag</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="40"/>
        <source>before an import</source>
        <translation>vor einem Import</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="41"/>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="42"/>
        <source>saved by hand</source>
        <translation>von Hand gesichert</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="97"/>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="100"/>
        <source>Choose the backup to go back to. The pipeline as it is now is backed up first, so this can be undone the same way.</source>
        <translation>Wählen Sie die Sicherung, zu der Sie zurückkehren möchten. Die Pipeline wird vorher in ihrem jetzigen Stand gesichert, so lässt sich auch das rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="106"/>
        <source>Backups, newest first</source>
        <translation>Sicherungen, neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="110"/>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="110"/>
        <source>1 deal</source>
        <translation>1 Geschäft</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="111"/>
        <source>{n} deals</source>
        <translation>{n} Geschäfte</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="120"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../ui/deal_panel/section.py" line="48"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDifferences</name>
    <message>
        <location filename="../../ui/dialogs/import_settings.py" line="17"/>
        <source>Settings in the file that differ from this pipeline&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_settings.py" line="23"/>
        <source>Apply these settings with the import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <location filename="../../ui/tabs/board_column.py" line="105"/>
        <source>Show these deals in the Deals tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board_column.py" line="137"/>
        <source>%s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board_column.py" line="149"/>
        <source>%s more…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageDelegate</name>
    <message>
        <location filename="../../ui/delegates.py" line="24"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageMappingTable</name>
    <message>
        <location filename="../../ui/dialogs/stage_mapping.py" line="42"/>
        <source>Stage in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stage_mapping.py" line="42"/>
        <source>Becomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stage_mapping.py" line="43"/>
        <source>Probability of a new stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stage_mapping.py" line="66"/>
        <source>New stage (before Won and Lost)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StagesDialog</name>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="59"/>
        <location filename="../../ui/dialogs/stages.py" line="223"/>
        <location filename="../../ui/dialogs/stages.py" line="291"/>
        <source>Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="90"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="92"/>
        <source>One criterion a line, e.g.
Budget confirmed
Decision maker met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="99"/>
        <source>Add stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="100"/>
        <source>Delete stage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="101"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="102"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="110"/>
        <source>Drag to reorder. Won and Lost always come last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="121"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="122"/>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="123"/>
        <source>Stale after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="124"/>
        <source>Exit criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="182"/>
        <source>An outcome stage: it closes a deal. It can be renamed but not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="198"/>
        <source>New stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="200"/>
        <source>New stage %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="224"/>
        <source>A pipeline needs at least one open stage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaleTable</name>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="88"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="88"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="88"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="89"/>
        <source>Days idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="89"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metric_tables.py" line="90"/>
        <source>Stale deals</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetList</name>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="46"/>
        <source>Add another…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="48"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="58"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="56"/>
        <source>Revenue targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="60"/>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="62"/>
        <source>Health thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="78"/>
        <source>A target per month (YYYY-MM) or quarter (YYYY-Q1…Q4), for the whole business or one owner. A month&apos;s own target wins over its quarter&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="82"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="82"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="83"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="94"/>
        <source>Add month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="96"/>
        <source>Add quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="98"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="112"/>
        <source>Healthy coverage (weighted pipeline ÷ gap):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamServerDialog</name>
    <message>
        <location filename="../../ui/team_actions.py" line="102"/>
        <source>Remember the password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="105"/>
        <source>No system keyring was found: the password is kept until the app closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="107"/>
        <source>Replace the deals already on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="108"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="108"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="109"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="110"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="110"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="111"/>
        <source>Encryption (sslmode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="116"/>
        <source>Access is managed on the server with PostgreSQL roles: a role allowed only to read opens the pipeline read-only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThresholdsEditor</name>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="203"/>
        <source>When the health check raises a finding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="224"/>
        <source>Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../ui/dialogs/today.py" line="42"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="48"/>
        <source>Due today and overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="49"/>
        <source>Due in the next 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="52"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="52"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="52"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="53"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="53"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="60"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="62"/>
        <source>Show deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="102"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="106"/>
        <source>%d to do, %d overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_SidePanel</name>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="202"/>
        <source>Bottlenecks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="218"/>
        <source>Closed %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="219"/>
        <source>Won: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="221"/>
        <source>Lost: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="224"/>
        <source>Win rate: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="225"/>
        <source>Open now: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <location filename="../../ui/shell.py" line="195"/>
        <source>Open read-only</source>
        <translation>Schreibgeschützt öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="205"/>
        <source>There is no backup of it to restore.</source>
        <translation>Es gibt keine Sicherung davon.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="209"/>
        <source>Restore the latest good backup, from {when}? The damaged file is kept beside it.</source>
        <translation>Die neueste intakte Sicherung vom {when} wiederherstellen? Die beschädigte Datei bleibt daneben erhalten.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="213"/>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="298"/>
        <source>{name} is damaged and cannot be opened safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="302"/>
        <source>What the check found:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="58"/>
        <source>Backups of a team pipeline are kept by its server.</source>
        <translation>Sicherungen einer Team-Pipeline verwaltet ihr Server.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="61"/>
        <source>This window shows the pipeline read-only; restore it from the window that has it open for writing.</source>
        <translation>Dieses Fenster zeigt die Pipeline schreibgeschützt; stellen Sie sie in dem Fenster wieder her, das sie zum Schreiben geöffnet hat.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="66"/>
        <source>There are no backups of {name} yet.</source>
        <translation>Von {name} gibt es noch keine Sicherungen.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="139"/>
        <source>Save a copy as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="145"/>
        <source>Copy saved to %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="17"/>
        <source>Welcome to Pipeline Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="19"/>
        <source>Would you like a first look with a sample pipeline of 300 deals, or start with an empty pipeline of your own? You can create either later from the File menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="21"/>
        <source>Open the sample pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/first_run.py" line="23"/>
        <source>Start empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="125"/>
        <source>Something went wrong: {kind}: {error}

Pipeline Desktop keeps running, and your saved work is safe. If something looks wrong, restart the app.

The details are in the log file:
{log}</source>
        <translation>Etwas ist schiefgegangen: {kind}: {error}

Pipeline Desktop läuft weiter, und Ihre gespeicherte Arbeit ist sicher. Wenn etwas falsch aussieht, starten Sie das Programm neu.

Die Einzelheiten stehen in der Protokolldatei:
{log}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="146"/>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/stage_moves.py" line="23"/>
        <source>Deal lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/stage_moves.py" line="24"/>
        <source>Why was it lost? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/deal_views.py" line="17"/>
        <source>%n deals</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_views.py" line="19"/>
        <source>Delete deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deal_views.py" line="20"/>
        <source>Delete %s with its activities and history? You can undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="144"/>
        <source>Team server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="178"/>
        <source>Open team pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="193"/>
        <location filename="../../ui/team_actions.py" line="202"/>
        <source>Copy to team server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="203"/>
        <source>Open the team pipeline now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="209"/>
        <source>Copy the team pipeline to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="233"/>
        <source>Copying the pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="89"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="93"/>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="114"/>
        <source>Select a deal first, then log an activity for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="224"/>
        <source>Load exchange rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/currencies.py" line="225"/>
        <source>Exchange rates (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="46"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="56"/>
        <source>Export to Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="88"/>
        <source>Reading %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="110"/>
        <source>Nothing to import: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="123"/>
        <source>Importing %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="126"/>
        <source>Import cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="132"/>
        <source>Imported %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="147"/>
        <location filename="../../ui/excel_actions.py" line="190"/>
        <source>Exporting to %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="150"/>
        <location filename="../../ui/excel_actions.py" line="193"/>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="152"/>
        <source>%d deals exported to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="165"/>
        <source>Export for a CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="195"/>
        <source>%d deals written for %s to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="198"/>
        <source>; %d cells starting with = + - @ got a leading apostrophe (the CRM keeps it: use .xlsx to avoid it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="20"/>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="21"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/report_actions.py" line="44"/>
        <source>Report written to %s (%d pages)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.parent</name>
    <message>
        <location filename="../../ui/team_watch.py" line="277"/>
        <source>It is kept and will be saved when the server answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="284"/>
        <source>Kept the change someone else made; yours was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../ui/read_only.py" line="21"/>
        <source>This pipeline is open read-only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/shell.py" line="184"/>
        <source>(read-only)</source>
        <translation>(schreibgeschützt)</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="48"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="49"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
