#pragma once

#include <QChartView>

namespace gdbm::ui {

// A chart view that prefers its minimum height. QChartView prefers the size it last had, so a
// page in a scroll area, which adds up its widgets' preferred heights, grew with its chart: the
// Training page scrolled by a few pixels once the pretraining chart had the fine-tuning chart's
// room too, and the Evaluation page's chart pushed its legend out of sight.
class ChartView : public QChartView
{
public:
    using QChartView::QChartView;
    QSize sizeHint() const override { return {QChartView::sizeHint().width(), minimumHeight()}; }
};

} // namespace gdbm::ui
