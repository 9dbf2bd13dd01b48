<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <location filename="../../ui/team_watch.py" line="179"/>
        <source>Someone else changed this deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="180"/>
        <source>“%s” was changed by someone else after you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="184"/>
        <source>Save mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="185"/>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about.py" line="26"/>
        <source>About %s</source>
        <translation>Über %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="30"/>
        <source>Application icon</source>
        <translation>Programmsymbol</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="41"/>
        <source>Keep your sales pipeline, see where it is healthy or stuck, and round-trip it through Excel. Works offline; your data stays on this computer.</source>
        <translation>Führen Sie Ihre Vertriebspipeline, sehen Sie, wo sie gesund ist oder stockt, und tauschen Sie sie mit Excel aus. Arbeitet offline; Ihre Daten bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="44"/>
        <source>Data folder: %s</source>
        <translation>Datenordner: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="45"/>
        <source>Backups: %s</source>
        <translation>Sicherungen: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="46"/>
        <source>Logs: %s</source>
        <translation>Protokolle: %s</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/about.py" line="50"/>
        <source>Licensed under the MIT licence.</source>
        <translation>Lizenziert unter der MIT-Lizenz.</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../ui/activity_actions.py" line="50"/>
        <source>Log activity — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="55"/>
        <source>e.g. Follow-up call about the proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="56"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="60"/>
        <source>Already done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="69"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="70"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="71"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/activity_actions.py" line="73"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../../ui/tabs/board.py" line="352"/>
        <source>%s open deals · %s · drag a card to move it; double-click to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="420"/>
        <source>Cannot move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="442"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <location filename="../../ui/tabs/board.py" line="186"/>
        <source>Deals in this stage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../ui/charts.py" line="99"/>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="110"/>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="112"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="116"/>
        <source>Save chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="117"/>
        <source>Could not write %s</source>
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
        <location filename="../../ui/dialogs/deal_dialog.py" line="67"/>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="67"/>
        <source>&amp;Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="68"/>
        <source>C&amp;ontact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="68"/>
        <source>&amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="69"/>
        <source>&amp;Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="69"/>
        <source>O&amp;wner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="70"/>
        <source>&amp;Lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/deal_dialog.py" line="77"/>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealPanel</name>
    <message>
        <location filename="../../ui/deal_panel.py" line="92"/>
        <source>Select a deal to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="125"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="127"/>
        <location filename="../../ui/deal_panel.py" line="129"/>
        <location filename="../../ui/deal_panel.py" line="226"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="142"/>
        <source>Lead source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="146"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="153"/>
        <source>Exit criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="158"/>
        <source>Qualification (BANT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="163"/>
        <source>Budget confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="166"/>
        <source>Decision maker known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="170"/>
        <source>Who decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="174"/>
        <source>What problem they need solved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="177"/>
        <source>Target date, YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="180"/>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="182"/>
        <source>Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="184"/>
        <source>Need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="185"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="189"/>
        <source>Ideal customer fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="200"/>
        <location filename="../../ui/deal_panel.py" line="203"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="204"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="204"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="209"/>
        <source>Log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="210"/>
        <location filename="../../ui/deal_panel.py" line="487"/>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="211"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="222"/>
        <location filename="../../ui/deal_panel.py" line="225"/>
        <source>Stage history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="226"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="257"/>
        <source>No deal selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="280"/>
        <source>%d (stage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="308"/>
        <source>Created %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="310"/>
        <source>closed %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="312"/>
        <source>lost: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="326"/>
        <source>Exit criteria — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="328"/>
        <source>None for this stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="340"/>
        <source>Qualification (BANT) — %d/%d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="355"/>
        <source>Nothing known about the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="357"/>
        <source>No ideal customer profile set (Pipeline menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="361"/>
        <source>Fit unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="363"/>
        <source>good fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="363"/>
        <source>poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="364"/>
        <source>%d / 100 — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="373"/>
        <source>due %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="381"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="389"/>
        <source>(deleted stage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="403"/>
        <location filename="../../ui/deal_panel.py" line="494"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="445"/>
        <source>Cannot move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/deal_panel.py" line="487"/>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <location filename="../../ui/models/deal_table.py" line="278"/>
        <source>No next activity planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/models/deal_table.py" line="286"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealsTab</name>
    <message>
        <location filename="../../ui/tabs/deals.py" line="84"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="107"/>
        <source>Search title, company, contact, owner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="109"/>
        <source>Search deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="111"/>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="112"/>
        <source>All owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="113"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="116"/>
        <source>Any qualification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="117"/>
        <source>Qualified (4/4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="118"/>
        <source>Partly qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="119"/>
        <source>Not qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="121"/>
        <source>Any fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="122"/>
        <source>Good fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="123"/>
        <source>Poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="125"/>
        <source>New deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="191"/>
        <source>Loading %s deals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="267"/>
        <source>%s deals · %s total · %s weighted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="271"/>
        <source> (filtered from %s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="344"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../ui/tabs/board.py" line="222"/>
        <source>%s

drop a card here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <location filename="../../ui/tabs/health.py" line="77"/>
        <source>Show 1 deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="77"/>
        <source>Show %s deals</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitTable</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="418"/>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="418"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="418"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="419"/>
        <source>Win rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="419"/>
        <source>Average deal size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="420"/>
        <source>Figures by ideal-customer fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="425"/>
        <source>Good fit (%d or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="426"/>
        <source>Poor fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="437"/>
        <source>Set an ideal customer profile (Pipeline › Ideal customer…) to compare.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="329"/>
        <source>won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="330"/>
        <source>weighted forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="335"/>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="340"/>
        <source>value (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="358"/>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunnelTab</name>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="48"/>
        <source>Bar width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="49"/>
        <source>Bar width: number of deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="50"/>
        <source>Bar width: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="52"/>
        <source>Open pipeline by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="69"/>
        <source>Click a stage to see its deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="110"/>
        <source>%s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="119"/>
        <source>deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="120"/>
        <source>value (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="121"/>
        <source>Open pipeline by stage — bar width: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="126"/>
        <source>won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="126"/>
        <source>move on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupTable</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="393"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="393"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="393"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="394"/>
        <source>Win rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="394"/>
        <source>Won value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="395"/>
        <source>Figures by %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <location filename="../../ui/tabs/health.py" line="131"/>
        <source>health score out of 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="144"/>
        <source>Targets and thresholds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="147"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="164"/>
        <source>&lt;b&gt;Deals to act on&lt;/b&gt; — named by the most findings, then by weighted value; double-click to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="167"/>
        <source>Deals to act on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="170"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="170"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="170"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="170"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="170"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="208"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="229"/>
        <source>The check failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="261"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="269"/>
        <source>No revenue target covers today. Set one to see attainment, the gap and coverage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="273"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="273"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="273"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="273"/>
        <source>Gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="274"/>
        <source>Coverage (healthy %s×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="284"/>
        <source>target met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="287"/>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/health.py" line="301"/>
        <source>Nothing to worry about.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IcpDialog</name>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="107"/>
        <source>Ideal customer profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="112"/>
        <source>Industries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="114"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="116"/>
        <source>Job titles (a title containing one fits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="121"/>
        <source>A deal&apos;s fit is the weighted share of these criteria its company and contact meet, 0–100. Criteria left empty do not count. %d or more is a good fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="141"/>
        <source>Company size (employees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="142"/>
        <source>At least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="143"/>
        <source>At most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="162"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="67"/>
        <source>Import %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="74"/>
        <source>&lt; Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="75"/>
        <source>Preview &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="77"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="79"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="112"/>
        <source>Choose what each column holds. Columns kept as custom fields are stored with each deal, so nothing is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="119"/>
        <source>Decide from the column (or month first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="120"/>
        <source>Month first: 03/04 is March 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="121"/>
        <source>Day first: 03/04 is 3 April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="125"/>
        <source>Save as preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="128"/>
        <source>Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="129"/>
        <source>Dates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="130"/>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="137"/>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="138"/>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="138"/>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="162"/>
        <source>(no header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="176"/>
        <source>(choose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="198"/>
        <source>Save mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="198"/>
        <source>Preset name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="215"/>
        <source>Deal / field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="215"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="216"/>
        <source>After import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="224"/>
        <source>Keep the app&apos;s version of deals edited since the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="226"/>
        <source>Take the file&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="239"/>
        <source>Changes to deals already in the pipeline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="241"/>
        <source>Problems (fix them in the file, or map the column differently):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="248"/>
        <source>Deals: %s, %d rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="252"/>
        <source>New stages: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="253"/>
        <source>Note: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="255"/>
        <source>%d deals were edited in the app after this file was exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="263"/>
        <source>— edited in the app since the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="270"/>
        <source>… and %d more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListsDialog</name>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="38"/>
        <source>Lost reasons and lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="42"/>
        <source>Lost reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="43"/>
        <source>Lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/lists.py" line="51"/>
        <source>One a line. Deals keep the names they already have.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>New pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115"/>
        <source>Open pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Save a copy as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>Copy saved to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="36"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="39"/>
        <source>&amp;New pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="45"/>
        <source>&amp;Open pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="51"/>
        <source>Open &amp;team pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="58"/>
        <source>Save a &amp;copy as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="64"/>
        <source>Restore &amp;backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="70"/>
        <source>Copy to team &amp;server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="77"/>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="83"/>
        <source>&amp;Export to Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="89"/>
        <source>Export &amp;report (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="95"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="99"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="101"/>
        <source>&amp;New deal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="102"/>
        <source>&amp;Edit deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="104"/>
        <source>&amp;Delete deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="110"/>
        <source>Log &amp;activity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="117"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="121"/>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="129"/>
        <source>&amp;Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="132"/>
        <source>&amp;Stages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="138"/>
        <source>&amp;Ideal customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="144"/>
        <source>&amp;Lost reasons and lead sources…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="150"/>
        <source>Revenue &amp;targets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="158"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="161"/>
        <source>&amp;Today…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="169"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="172"/>
        <source>&amp;About Pipeline Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="25"/>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="26"/>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="27"/>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="28"/>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/__init__.py" line="29"/>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsTab</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="67"/>
        <source>Forecast: weighted open value and value won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="68"/>
        <source>Win rate by month (closed deals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="70"/>
        <source>Lost deals by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="71"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="72"/>
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
        <location filename="../../ui/tabs/metrics.py" line="135"/>
        <source>vs previous %s days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="136"/>
        <source>open pipeline, today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="143"/>
        <source>%s days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="148"/>
        <source>%s open deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="151"/>
        <source>%s / day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="154"/>
        <source>no activity or move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="157"/>
        <source>all time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="164"/>
        <source>no target set (Pipeline › Revenue targets…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="168"/>
        <source>target met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="170"/>
        <source>gap %s · coverage %.1f× (healthy ≥ %.0f×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="187"/>
        <source>won ÷ closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="204"/>
        <source>lost deals in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="212"/>
        <source>%s stale deals; the %s idle longest are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="215"/>
        <source>%s stale deals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="216"/>
        <source>Double-click a deal to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <location filename="../../ui/charts.py" line="195"/>
        <source>Closed in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="198"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="203"/>
        <source>Period starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="204"/>
        <source>Period ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/charts.py" line="210"/>
        <source>to</source>
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
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup_actions.py" line="42"/>
        <source>opened that day</source>
        <translation>beim Öffnen an dem Tag</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="43"/>
        <source>before an import</source>
        <translation>vor einem Import</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="44"/>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="45"/>
        <source>saved by hand</source>
        <translation>von Hand gesichert</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="230"/>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="233"/>
        <source>Choose the backup to go back to. The pipeline as it is now is backed up first, so this can be undone the same way.</source>
        <translation>Wählen Sie die Sicherung, zu der Sie zurückkehren möchten. Die Pipeline wird vorher in ihrem jetzigen Stand gesichert, so lässt sich auch das rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="239"/>
        <source>Backups, newest first</source>
        <translation>Sicherungen, neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="243"/>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="243"/>
        <source>1 deal</source>
        <translation>1 Geschäft</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="244"/>
        <source>{n} deals</source>
        <translation>{n} Geschäfte</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="253"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <location filename="../../ui/tabs/board.py" line="243"/>
        <source>Show these deals in the Deals tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="268"/>
        <source>%s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/board.py" line="280"/>
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
    <name>StagesDialog</name>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="62"/>
        <location filename="../../ui/dialogs/stages.py" line="226"/>
        <location filename="../../ui/dialogs/stages.py" line="294"/>
        <source>Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="93"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="95"/>
        <source>One criterion a line, e.g.
Budget confirmed
Decision maker met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="102"/>
        <source>Add stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="103"/>
        <source>Delete stage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="104"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="105"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="113"/>
        <source>Drag to reorder. Won and Lost always come last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="124"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="125"/>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="126"/>
        <source>Stale after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="127"/>
        <source>Exit criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="185"/>
        <source>An outcome stage: it closes a deal. It can be renamed but not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="201"/>
        <source>New stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="203"/>
        <source>New stage %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stages.py" line="227"/>
        <source>A pipeline needs at least one open stage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaleTable</name>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="444"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="444"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="444"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="445"/>
        <source>Days idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="445"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/metrics.py" line="446"/>
        <source>Stale deals</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetList</name>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="51"/>
        <source>Add another…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="53"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/icp.py" line="63"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="59"/>
        <source>Revenue targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="63"/>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="65"/>
        <source>Health thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="81"/>
        <source>A target per month (YYYY-MM) or quarter (YYYY-Q1…Q4), for the whole business or one owner. A month&apos;s own target wins over its quarter&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="85"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="85"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="86"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="97"/>
        <source>Add month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="99"/>
        <source>Add quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="101"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="115"/>
        <source>Healthy coverage (weighted pipeline ÷ gap):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamServerDialog</name>
    <message>
        <location filename="../../ui/team_actions.py" line="101"/>
        <source>Remember the password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="104"/>
        <source>No system keyring was found: the password is kept until the app closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="106"/>
        <source>Replace the deals already on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="107"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="107"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="108"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="109"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="109"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="110"/>
        <source>Encryption (sslmode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="115"/>
        <source>Access is managed on the server with PostgreSQL roles: a role allowed only to read opens the pipeline read-only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThresholdsEditor</name>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="206"/>
        <source>When the health check raises a finding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/targets.py" line="227"/>
        <source>Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../ui/dialogs/today.py" line="45"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="51"/>
        <source>Due today and overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="52"/>
        <source>Due in the next 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="55"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="55"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="55"/>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="56"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="56"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="63"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/today.py" line="65"/>
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
        <location filename="../../ui/tabs/funnel.py" line="187"/>
        <source>Bottlenecks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="197"/>
        <source>Closed %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="198"/>
        <source>Won: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="200"/>
        <source>Lost: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="203"/>
        <source>Win rate: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/funnel.py" line="204"/>
        <source>Open now: %s deals · %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <location filename="../../ui/backup_actions.py" line="65"/>
        <source>Open read-only</source>
        <translation>Schreibgeschützt öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="145"/>
        <source>There is no backup of it to restore.</source>
        <translation>Es gibt keine Sicherung davon.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="148"/>
        <source>Restore the latest good backup, from {when}? The damaged file is kept beside it.</source>
        <translation>Die neueste intakte Sicherung vom {when} wiederherstellen? Die beschädigte Datei bleibt daneben erhalten.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="152"/>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="181"/>
        <source>Backups of a team pipeline are kept by its server.</source>
        <translation>Sicherungen einer Team-Pipeline verwaltet ihr Server.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="184"/>
        <source>This window shows the pipeline read-only; restore it from the window that has it open for writing.</source>
        <translation>Dieses Fenster zeigt die Pipeline schreibgeschützt; stellen Sie sie in dem Fenster wieder her, das sie zum Schreiben geöffnet hat.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_actions.py" line="189"/>
        <source>There are no backups of {name} yet.</source>
        <translation>Von {name} gibt es noch keine Sicherungen.</translation>
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
        <location filename="../../ui/errors.py" line="116"/>
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
        <location filename="../../ui/errors.py" line="137"/>
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
        <location filename="../../ui/tabs/deals.py" line="43"/>
        <source>%n deals</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="45"/>
        <source>Delete deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/tabs/deals.py" line="46"/>
        <source>Delete %s with its activities and history? You can undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="143"/>
        <source>Team server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="88"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/workers.py" line="90"/>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../ui/team_watch.py" line="215"/>
        <source>It is kept and will be saved when the server answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="222"/>
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
        <location filename="../../ui/activity_actions.py" line="118"/>
        <source>Select a deal first, then log an activity for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="61"/>
        <source>(read-only)</source>
        <translation>(schreibgeschützt)</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="207"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="210"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="211"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="229"/>
        <source>Not available in this version</source>
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
        <location filename="../../ui/report_actions.py" line="42"/>
        <source>Report written to %s (%d pages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="176"/>
        <source>Open team pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="190"/>
        <location filename="../../ui/team_actions.py" line="199"/>
        <source>Copy to team server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="200"/>
        <source>Open the team pipeline now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="206"/>
        <source>Copy the team pipeline to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="222"/>
        <source>Copying the pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_actions.py" line="222"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="241"/>
        <source>The team server is not answering; retrying every few seconds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="243"/>
        <source>Connected to the team server again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="250"/>
        <source>Someone else changed the pipeline; it is up to date again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="252"/>
        <source>Someone else logged activities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="254"/>
        <source>A deal was changed by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="255"/>
        <source>%d deals were changed by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/team_watch.py" line="263"/>
        <source>This pipeline is open read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="38"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="45"/>
        <source>Export to Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="70"/>
        <source>Reading %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="90"/>
        <source>Nothing to import: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="101"/>
        <source>Importing %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="104"/>
        <source>Import cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="110"/>
        <source>Imported %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="125"/>
        <source>Exporting to %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="128"/>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/excel_actions.py" line="130"/>
        <source>%d deals exported to %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
