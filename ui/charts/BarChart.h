#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>
#include <vector>

class QChart;
class QChartView;
class QBarSeries;
class QBarSet;
class QBarCategoryAxis;
class QValueAxis;

namespace gdbm::ui {

// A titled bar chart (one series): histograms, counts per category. One of the few classes
// that use Qt Charts (deprecated after Qt 6.10: one place to replace). Updating replaces the
// bars in place; the axes follow the data.
class BarChart : public QWidget
{
    Q_OBJECT

public:
    explicit BarChart(const QString& title, QWidget* parent = nullptr);

    void setBars(const QStringList& categories, const QList<qreal>& values);
    void setTitle(const QString& title);
    QString title() const;
    void setValueAxisTitle(const QString& title);
    // Horizontal bars read better for long category names (genres, archetypes).
    void setHorizontal(bool horizontal);
    void setColor(const QColor& color);
    // Category labels at this size (points; 0: the chart's font) and angle (degrees; -90 reads
    // bottom-up, for many numeric bins).
    void setCategoryLabelStyle(qreal pointSize, int angle);
    // When the category labels would overlap, show only the last categories, as many as fit with
    // every one labelled (a ranking's top entries, which a horizontal chart draws last), instead
    // of labelling every k-th. Off by default.
    void setShowsLastThatFit(bool lastThatFit);
    // How many categories the chart draws: all of them, or the last ones that fit.
    int shownCount() const;
    // A chart has no natural height: it takes the room its layout gives, at least its minimum.
    // (A chart view's own hint is taller, and a page in a scroll area would scroll for it.)
    QSize sizeHint() const override;
    QChartView* view() const { return m_view; }
    const QList<qreal>& values() const { return m_values; }
    const QStringList& categories() const { return m_categories; }

Q_SIGNALS:
    // The chart now draws this many categories (after new bars, or with setShowsLastThatFit
    // after a resize).
    void shownCountChanged(int count);

private:
    void rebuild();
    // What the next rebuild draws: every category, or with setShowsLastThatFit those that fit.
    int countToDraw() const;
    // The length along the category axis one label needs (pixels).
    int labelRoom() const;
    // Labels only every k-th category when they would overlap (the others blank), k the least
    // that fits the plot area, or with setShowsLastThatFit the categories that fit; called as
    // the chart resizes.
    void thinLabels();

    QChart* m_chart; // owned by m_view (made with it, so the view makes no default chart)
    QChartView* m_view;
    QStringList m_categories;
    QList<qreal> m_values;
    QString m_valueTitle;
    QColor m_color;
    bool m_horizontal = false;
    qreal m_labelPointSize = 0;
    int m_labelAngle = 0;
    QBarCategoryAxis* m_categoryAxis = nullptr; // the current one (the chart owns it)
    int m_labelStep = 1;                        // every how many categories a label is shown
    bool m_lastThatFit = false;
    int m_fitting = -1;           // with m_lastThatFit: the categories that fit (-1: not measured yet)
    int m_drawn = 0;              // the categories the last rebuild drew
    bool m_rebuildQueued = false; // a resize asked for a rebuild that has not run yet
};

// Counts of `values` in `bins` equal bins over [lo, hi], with readable labels.
struct Histogram
{
    QStringList labels;
    QList<qreal> counts;
};
Histogram makeHistogram(const std::vector<double>& values, int bins, double lo, double hi);

} // namespace gdbm::ui
