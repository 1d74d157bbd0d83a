#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QStringList>
#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QFontMetrics;
class QLabel;

namespace gdbm::ui {

// A titled bar chart with one bar per set in each category (methods side by side for each
// archetype), a legend under it naming the sets, and a tooltip "set, category: value" on the bar under
// the mouse. One of the few classes that use Qt Charts (deprecated after Qt 6.10: one place to
// replace). Category names are never cut to "...": they wrap at spaces to the width of their
// category, in a smaller font when a word is wider than that.
class GroupedBarChart : public QWidget
{
    Q_OBJECT

public:
    explicit GroupedBarChart(const QString& title, QWidget* parent = nullptr);

    // values[s][c] is set s's value in category c. Requires values.size() == sets.size() and
    // each values[s].size() == categories.size(). Replaces what the chart shows.
    void setData(const QStringList& categories, const QStringList& sets, const QList<QList<qreal>>& values);
    void setTitle(const QString& title);
    void setValueAxisTitle(const QString& title);
    // Set s gets colors[s % size]; the default is a palette of six.
    void setColors(const QList<QColor>& colors);
    // Decimals of the values in tooltips (default 3).
    void setValueDecimals(int decimals);
    // The most a value can be (1 for a share), so that the value axis's headroom does not run
    // past it: 0.96 would otherwise round up to an axis of 1.5. 0: no bound (the default).
    // Applies from the next setData().
    void setValueCeiling(qreal ceiling);
    qreal valueAxisMax() const;
    // A note per category for the bars' tooltips ("84 users"); empty or missing: none. Applies
    // to the data shown and the next.
    void setCategoryNotes(const QStringList& notes) { m_categoryNotes = notes; }

    QChartView* view() const { return m_view; }
    // The legend under the chart: every set's whole name after a square of its colour, wrapped
    // between names when they do not fit on one line (Qt's own legend cut them to "DBM audio o...").
    const QLabel* legend() const { return m_legend; }
    const QStringList& categories() const { return m_categories; }
    const QStringList& sets() const { return m_sets; }
    const QList<QList<qreal>>& values() const { return m_values; }
    // The tooltip text of one bar.
    QString barText(int set, int category) const;

    // A category name broken at spaces into lines at most `width` pixels wide where the words
    // allow (rich text: the axis renders labels as HTML).
    static QString wrapLabel(const QString& name, const QFontMetrics& metrics, int width);

private:
    void rebuild();
    void showHover(bool status, int category, QBarSet* set);
    void fitCategoryLabels();

    QChart* m_chart; // owned by m_view (made with it, so the view makes no default chart)
    QChartView* m_view;
    QLabel* m_legend;
    QStringList m_categories;
    QStringList m_categoryNotes;
    QStringList m_sets;
    QList<QList<qreal>> m_values;
    QList<QBarSet*> m_barSets;
    QBarCategoryAxis* m_categoryAxis = nullptr;
    QFont m_labelFont; // the category labels' largest font
    QList<QColor> m_colors;
    QString m_valueTitle;
    int m_decimals = 3;
    qreal m_ceiling = 0;
};

} // namespace gdbm::ui
